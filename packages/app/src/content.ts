/**
 * A program's content versus the record of its execution on the write path and for the pages
 * (domain/src/versions/content.ts): content changes only in a draft with its preparer; the record
 * of execution only while its report is not submitted (and its period not locked, 6.16).
 */
import { getRow, lastApprovedVersion, listRows, programContentRows, programReportStates, type Queryable } from "@orientir/db";
import {
  NotFoundError,
  EXECUTION_FIELDS,
  EXECUTION_RESOURCES,
  KEY_FIELDS,
  classifyRowWrite,
  contentChangeError,
  ensure,
  executionChangeError,
  executionFreeze,
  programContentState,
  resource,
  type Actor,
  type ContentFacts,
  type ContentState,
  type DirectionReportState,
  type ProgramDocument,
  type ProgramReportState,
  type ReportFreezeFacts,
  type ReportPeriod,
  type ResourceSpec,
  type WorkflowState,
  withRecordOf,
} from "@orientir/domain";
import { exportProgramDocument } from "./documents.ts";
import { dbReads, type RowReads } from "./resources.ts";
import type { ProgramContent } from "@orientir/contracts";
import type { AppContext, Caller } from "./context.ts";
import { text, textOrNull } from "./row-values.ts";

/** The version in force and the open drafts of a program. */
export async function contentFactsOf(q: Queryable, programId: string): Promise<ContentFacts> {
  const rows = await programContentRows(q, programId);
  return {
    inForce: rows.inForce,
    drafts: rows.drafts.map((d) => ({
      flow: d.flow,
      kind: d.kind,
      state: d.state as WorkflowState,
      number: d.number,
      directionCode: d.directionCode,
    })),
  };
}

/** The reports of a program as the freeze of its record of execution needs them. */
export async function reportFactsOf(q: Queryable, programId: string): Promise<ReportFreezeFacts[]> {
  return (await programReportStates(q, programId)).map((r) => ({
    year: r.year,
    period: r.period as ReportPeriod,
    programState: r.state as ProgramReportState,
    directions: r.directions as Record<string, DirectionReportState>,
  }));
}

async function directionCodeOf(reads: RowReads, spec: ResourceSpec, row: Record<string, unknown>): Promise<string | null> {
  if (spec.name === "direction") return typeof row.code === "string" ? row.code : null;
  const id = row.directionId;
  if (typeof id !== "string") return null;
  const d = await reads.getRow(resource("direction"), id);
  return d && typeof d.code === "string" ? d.code : null;
}

/**
 * Refuses (RuleError, 422) a write of a program's row that changes content outside a draft with
 * its preparer, or the record of execution of a submitted report, naming the state and who can
 * reopen it.
 */
export async function checkContentAndRecord(
  q: Queryable,
  actor: Actor | undefined,
  spec: ResourceSpec,
  after: Record<string, unknown> | null,
  before: Record<string, unknown> | null,
  reads: RowReads = dbReads(q),
): Promise<void> {
  if (spec.scope !== "program") return;
  const row = (after ?? before)!;
  const programId = spec.name === "program" ? (before?.id as string | undefined) : (row.programId as string | undefined);
  if (typeof programId !== "string") return; // a new program: its own draft
  const classes = classifyRowWrite(spec.name, before, after);
  if (classes.content.length > 0) {
    const state = programContentState(await contentFactsOf(q, programId), await directionCodeOf(reads, spec, row));
    const error = contentChangeError(state, spec.label.ru, classes.content);
    if (error) throw error;
  }
  if (classes.execution.length > 0 && actor) {
    const reports = await reportFactsOf(q, programId);
    if (reports.length === 0) return;
    const directionId = (row.directionId as string | undefined) ?? null;
    const freeze =
      (before ? executionFreeze(spec.name, before, directionId, actor.role, reports) : null) ??
      (after ? executionFreeze(spec.name, after, directionId, actor.role, reports) : null);
    const error = executionChangeError(spec.label.ru, classes.execution, freeze);
    if (error) throw error;
  }
}

/** Where a program's content stands, for the page's banner and its read-only cells. */
export async function programContent(ctx: AppContext, caller: Caller, programId: string): Promise<ProgramContent> {
  const q = ctx.db;
  const program = await getRow(q, resource("program"), programId);
  if (!program || program.municipalityId !== caller.actor.municipalityId) throw new NotFoundError("Муниципальная программа", programId);
  ensure(caller.actor, "read", {
    area: "program",
    municipalityId: String(program.municipalityId),
    resource: "program",
    responsibleDepartmentId: (program.responsibleDepartmentId as string | null) ?? null,
    directionCoExecutorId: null,
  });
  const facts = await contentFactsOf(q, programId);
  const directions: Record<string, ContentState> = {};
  for (const d of await listRows(q, resource("direction"), { municipalityId: caller.actor.municipalityId, where: { programId } })) {
    directions[d.id] = programContentState(facts, String(d.code));
  }
  return {
    programId,
    program: programContentState(facts),
    directions,
    executionFields: { ...EXECUTION_FIELDS },
    keyFields: { ...KEY_FIELDS },
    executionResources: EXECUTION_RESOURCES,
  };
}

/** A confirming document of a checkpoint is the record of execution: refused while its report is submitted (for the role). */
export async function checkDocumentFreeze(q: Queryable, actor: Actor, checkpoint: Record<string, unknown>): Promise<void> {
  const reports = await reportFactsOf(q, String(checkpoint.programId));
  if (reports.length === 0) return;
  const freeze = executionFreeze(
    "checkpointDocument",
    checkpoint,
    (checkpoint.directionId as string | undefined) ?? null,
    actor.role,
    reports,
  );
  const error = executionChangeError("Подтверждающий документ", ["document"], freeze);
  if (error) throw error;
}

/**
 * The program as in force: while an amendment is open its rows are the amendment's working copy,
 * so the content is the snapshot of the version in force (with the live record of execution,
 * `withRecordOf`); otherwise the rows themselves. What monitoring and the evaluation of a program
 * in force read; null for a program never approved (it is not in force).
 */
export async function programDocumentInForce(q: Queryable, programId: string): Promise<ProgramDocument | null> {
  const facts = await contentFactsOf(q, programId);
  if (!facts.inForce) return null;
  const live = await exportProgramDocument(q, programId);
  if (!live) return null;
  const amendment = facts.drafts.find((d) => d.flow === "program" && d.kind === "amendment");
  if (!amendment) return live;
  const base = await lastApprovedVersion(q, programId);
  return base?.document ? withRecordOf(base.document as ProgramDocument, live) : live;
}

/**
 * The plan values in force of a program's metrics while an amendment is open (by direction code,
 * metric code or name, year and month — null for the year's value), or null when the rows are the
 * version in force themselves.
 */
export async function metricPlansInForce(
  q: Queryable,
  programId: string,
): Promise<
  ((directionCode: string, metric: { code: string | null; name: string }, year: number, month: number | null) => string | null) | null
> {
  const facts = await contentFactsOf(q, programId);
  if (!facts.inForce || !facts.drafts.some((d) => d.flow === "program" && d.kind === "amendment")) return null;
  const doc = await programDocumentInForce(q, programId);
  if (!doc) return null;
  const plans = new Map<string, string | null>();
  const key = (d: string, m: { code?: string | null; name: string }, y: number, mo: number | null) =>
    `${d}|${m.code && m.code.trim() ? `c:${m.code.trim()}` : `n:${m.name.trim().toLowerCase()}`}|${y}|${mo ?? ""}`;
  for (const d of doc.directions) {
    for (const e of d.elements) {
      for (const m of e.metrics) {
        for (const v of m.values) plans.set(key(d.code, m, v.year, null), v.plan ?? null);
        for (const v of m.months) plans.set(key(d.code, m, v.year, v.month), v.plan ?? null);
      }
    }
  }
  return (d, m, y, mo) => plans.get(key(d, m, y, mo)) ?? null;
}

/**
 * The program's tree as in force: while an amendment is open, the plan values of its metrics and
 * indicators are those of the version in force (null where it has none), not the working copy's —
 * what the monitoring page shows beside the facts. Otherwise the tree as it is.
 */
export async function withPlansInForce<T extends Record<string, unknown>>(q: Queryable, programId: string, tree: T): Promise<T> {
  const metricPlan = await metricPlansInForce(q, programId);
  if (!metricPlan) return tree;
  const doc = (await programDocumentInForce(q, programId))!;
  const key = (x: { code?: unknown; name?: unknown }) =>
    typeof x.code === "string" && x.code.trim()
      ? `c:${x.code.trim()}`
      : `n:${text(x.name ?? "")
          .trim()
          .toLowerCase()}`;
  const indicatorPlans = new Map<string, string | null>();
  for (const i of doc.indicators) for (const v of i.values) indicatorPlans.set(`${key(i)}|${v.year}`, v.plan ?? null);
  type Node = Record<string, unknown>;
  const isNode = (x: unknown): x is Node => typeof x === "object" && x !== null && !Array.isArray(x);
  // the children under a key (the same objects, changed in place)
  const list = (n: Node, k: string): Node[] => {
    const children = n[k];
    return Array.isArray(children) ? children.filter(isNode) : [];
  };
  const out = structuredClone(tree);
  for (const i of list(out, "programIndicators")) {
    for (const v of list(i, "programIndicatorValues")) v.plan = indicatorPlans.get(`${key(i)}|${Number(v.year)}`) ?? null;
  }
  for (const d of list(out, "directions")) {
    for (const e of list(d, "structuralElements")) {
      for (const m of list(e, "metrics")) {
        const metric = { code: textOrNull(m.code), name: text(m.name) };
        for (const v of list(m, "metricValues")) v.plan = metricPlan(text(d.code), metric, Number(v.year), null);
        for (const v of list(m, "metricMonths")) v.plan = metricPlan(text(d.code), metric, Number(v.year), Number(v.month));
      }
    }
  }
  return out;
}
