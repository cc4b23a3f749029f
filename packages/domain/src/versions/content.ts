/**
 * A program's content versus the record of its execution, and when each may change.
 *
 * Content — the passport, the structure, the plan values, the funding plan, the checkpoints' plan —
 * is what a decree approves: it changes only in a draft (of a new program, or of an amendment
 * opened from the version in force) while the draft is with whoever prepares it. Once the draft is
 * sent for review it is frozen for everyone until a reviewer returns it for rework; once approved
 * it is read-only until an amendment is opened.
 *
 * The record of execution — facts, forecasts, justifications of deviations, the actual dates of
 * checkpoints, the budget schedule and cash execution, confirming documents — is what monitoring
 * reports: it never appears in an amendment's diff or note, and it is governed by the monitoring
 * cycle: once a co-executor submits a direction's part of a report, its facts are frozen for the
 * co-executor until the executor returns it; once the program's report is submitted they are frozen
 * for everyone until it is returned; after the conclusion the period is locked (6.16, locks.ts).
 *
 * Which field is which is data (EXECUTION_FIELDS), so the write path, the diff and the pages agree.
 */
import { isIsoDate, type IsoDate } from "../dates.ts";
import { RuleError } from "../errors.ts";
import type { ProgramDocument } from "../model/documents.ts";
import { resource as resourceSpec } from "../model/resources.ts";
import { formatMoney, parseMoney } from "../money.ts";
import { lockCovers, reportingSlot } from "../monitoring/locks.ts";
import {
  DIRECTION_REPORT_STATE_LABELS,
  PROGRAM_REPORT_STATE_LABELS,
  periodLabel,
  type DirectionReportState,
  type ProgramReportState,
  type ReportPeriod,
} from "../monitoring/submissions.ts";
import { WORKFLOW_STATE_LABELS, isWithPreparer, type Flow, type WorkflowKind, type WorkflowState } from "../workflow/definition.ts";
import { valueText } from "../validation/text.ts";
import { decimalOf } from "./numbers.ts";

// ---- the classification ----------------------------------------------------------------------

export type FieldClass = "content" | "execution" | "key";

/**
 * The fields of a program's resources that are the record of execution. Every other field of a
 * resource of a program is content, except the KEY_FIELDS that only place a row in time.
 */
export const EXECUTION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  metricValue: ["fact", "justification"],
  metricMonth: ["fact", "forecast", "justification"],
  programIndicatorValue: ["fact", "justification"],
  checkpoint: ["actualDate", "comment"],
  budgetExecution: ["cash", "deviationReason"],
  budgetSchedule: ["amount", "effectiveDate", "reason"],
  checkpointDocument: ["filename", "comment", "fileId"],
  programAnnualReport: ["mainResults"],
};

/** Fields that say which period a row is about: a change of them moves the row (content). */
export const KEY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  metricValue: ["year"],
  metricMonth: ["year", "month"],
  programIndicatorValue: ["year"],
  budgetExecution: ["year", "quarter", "source", "elementId"],
  budgetSchedule: ["year", "source", "elementId"],
  programAnnualReport: ["year"],
};

/** Resources of a program that are wholly the record of execution (written by the monitoring cycle). */
export const EXECUTION_RESOURCES: readonly string[] = ["budgetExecution", "budgetSchedule", "checkpointDocument", "programAnnualReport"];

/** Content or record of execution (or a key field), for a field of a program's resource. */
export function fieldClass(resource: string, field: string): FieldClass {
  if (EXECUTION_RESOURCES.includes(resource)) return KEY_FIELDS[resource]?.includes(field) ? "key" : "execution";
  if (EXECUTION_FIELDS[resource]?.includes(field)) return "execution";
  if (KEY_FIELDS[resource]?.includes(field)) return "key";
  return "content";
}

/** Is this field of the diff of two program documents the record of execution (so not a change of content)? */
export function isExecutionField(resource: string, field: string): boolean {
  return fieldClass(resource, field) === "execution";
}

const SYSTEM_FIELDS = new Set(["id", "version", "municipalityId", "programId", "directionId", "createdAt", "updatedAt"]);

function norm(resource: string, field: string, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = valueText(v).trim();
  if (s === "") return null;
  let kind: string | undefined;
  try {
    kind = resourceSpec(resource).fields.find((f) => f.name === field)?.type.kind;
  } catch {
    kind = undefined;
  }
  if (kind === "decimal") return decimalOf(s) ?? s;
  if (kind === "money") {
    try {
      return formatMoney(parseMoney(s));
    } catch {
      return s;
    }
  }
  if (kind === "int" || kind === "year") return Number.isFinite(Number(s)) ? String(Number(s)) : s;
  return s;
}

export interface RowWriteClasses {
  /** The content fields the write changes (`*`: the row itself is created or removed). */
  content: string[];
  /** The fields of the record of execution it changes. */
  execution: string[];
}

/**
 * What a write of one stored row of a program changes: content, the record of execution, or both.
 * A row created or removed changes content when it holds content (a plan value, a name …); a
 * value row holding only a fact (monitoring entering a fact where no plan was) changes only the
 * record. Moving a row to another period (its key) is a change of content.
 */
export function classifyRowWrite(
  resource: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): RowWriteClasses {
  const out: RowWriteClasses = { content: [], execution: [] };
  if (!before && !after) return out;
  const fields = new Set<string>();
  for (const r of [before, after]) if (r) for (const k of Object.keys(r)) if (!SYSTEM_FIELDS.has(k)) fields.add(k);
  let parentField: string | undefined;
  try {
    parentField = resourceSpec(resource).parent?.field;
  } catch {
    parentField = undefined;
  }
  if (parentField) fields.delete(parentField);
  const hasValues = EXECUTION_FIELDS[resource] !== undefined || EXECUTION_RESOURCES.includes(resource);
  if (!hasValues) {
    // a resource wholly of content: any write of it is a change of content
    if (!before || !after) return { content: ["*"], execution: [] };
    for (const f of fields) if (norm(resource, f, before[f]) !== norm(resource, f, after[f])) out.content.push(f);
    return out;
  }
  for (const f of fields) {
    const cls = fieldClass(resource, f);
    if (cls === "key") continue;
    const a = before ? norm(resource, f, before[f]) : null;
    const b = after ? norm(resource, f, after[f]) : null;
    if (a !== b) out[cls].push(f);
  }
  if (before && after && (KEY_FIELDS[resource] ?? []).some((f) => norm(resource, f, before[f]) !== norm(resource, f, after[f]))) {
    if (EXECUTION_RESOURCES.includes(resource)) out.execution.push(...(KEY_FIELDS[resource] ?? []));
    else out.content.push(...(KEY_FIELDS[resource] ?? []));
  }
  return out;
}

// ---- when content may change --------------------------------------------------------------------

export type ContentMode = "new" | "draft" | "amendment" | "review" | "inForce";

/** An open draft (not approved, not withdrawn) of the program or of a direction's order. */
export interface OpenDraft {
  flow: Flow;
  kind: WorkflowKind;
  state: WorkflowState;
  number: number;
  /** The direction of an order. */
  directionCode?: string | null;
}

export interface ContentFacts {
  /** The version in force, if any. */
  inForce: { number: number; decreeNumber: string; decreeDate: IsoDate } | null;
  /** Open drafts of the program and of its directions' orders. */
  drafts: readonly OpenDraft[];
}

export interface ContentState {
  mode: ContentMode;
  editable: boolean;
  /** The open draft whose content this is, if any. */
  draft: OpenDraft | null;
  /** Why the content is (or is not) editable, for the page's banner and the refusal. */
  message: string;
  messageEn: string;
  /** Who can make it editable again, and how (null when it is editable). */
  reopen: string | null;
  rule: string;
}

const REOPEN_BY_STAGE: Partial<Record<WorkflowState, { ru: string; en: string }>> = {
  discussion: { ru: "проект на общественном обсуждении", en: "the draft is in public discussion" },
  economyReview: {
    ru: "вернуть проект на доработку может управление экономики (отрицательное заключение)",
    en: "the economy department can return it for rework (negative conclusion)",
  },
  financeReview: {
    ru: "вернуть проект на доработку может управление финансов (отрицательное заключение)",
    en: "the finance department can return it for rework (negative conclusion)",
  },
  auditReview: {
    ru: "вернуть проект на доработку может контрольно-счетный орган (отрицательное заключение)",
    en: "the audit chamber can return it for rework (negative conclusion)",
  },
  approval: {
    ru: "проект ожидает утверждения; после утверждения изменения вносятся только проектом изменений, который открывает ответственный исполнитель",
    en: "the draft awaits approval; after it, changes are made only by an amendment the responsible executor opens",
  },
};

function formatDate(d: string): string {
  return isIsoDate(d) ? d.split("-").reverse().join(".") : d;
}

/**
 * Where the content of a program (or of one of its directions, `directionCode`) stands, from its
 * version in force and its open drafts. An order on a direction being drafted makes that
 * direction's content its working copy, as a program's amendment does for the whole program.
 */
export function programContentState(f: ContentFacts, directionCode: string | null = null): ContentState {
  const programDraft = f.drafts.find((d) => d.flow === "program") ?? null;
  const orderDraft =
    directionCode !== null ? (f.drafts.find((d) => d.flow === "directionOrder" && d.directionCode === directionCode) ?? null) : null;
  // the program's draft governs; a direction's order only where the program has none
  const draft = programDraft ?? orderDraft;
  if (draft) {
    const stateRu = WORKFLOW_STATE_LABELS[draft.state].ru;
    const what =
      draft.flow === "directionOrder"
        ? `Проект распоряжения по направлению${draft.directionCode ? ` ${draft.directionCode}` : ""} (редакция ${draft.number})`
        : draft.kind === "amendment"
          ? `Проект изменений (редакция ${draft.number})`
          : `Проект программы (редакция ${draft.number})`;
    if (isWithPreparer(draft.state) || draft.state === "discussion") {
      const preparer = draft.flow === "directionOrder" ? "соисполнителя" : "ответственного исполнителя";
      return {
        mode: draft.kind === "amendment" ? "amendment" : "draft",
        editable: true,
        draft,
        message:
          `${what} на этапе «${stateRu}» у ${preparer}: содержание можно изменять` +
          (draft.kind === "amendment" && f.inForce
            ? `; действующая редакция ${f.inForce.number} не меняется до утверждения изменений`
            : ""),
        messageEn: `${draft.kind === "amendment" ? "Amendment" : "Draft"} ${draft.number} is with its preparer ("${WORKFLOW_STATE_LABELS[draft.state].en}"): its content may change`,
        reopen: null,
        rule: "220-п 4.3, 4.4",
      };
    }
    const reopen = REOPEN_BY_STAGE[draft.state] ?? { ru: "проект не у разработчика", en: "the draft is not with its preparer" };
    return {
      mode: "review",
      editable: false,
      draft,
      message: `${what} направлен на экспертизу и находится на этапе «${stateRu}»: содержание заморожено для всех до возврата на доработку; ${reopen.ru}`,
      messageEn: `Draft ${draft.number} is under review ("${WORKFLOW_STATE_LABELS[draft.state].en}"): its content is frozen for everyone until it is returned for rework; ${reopen.en}`,
      reopen: reopen.ru,
      rule: "220-п 4.8–4.14",
    };
  }
  if (f.inForce) {
    const reopen =
      "изменить содержание можно только проектом изменений: его открывает ответственный исполнитель (раздел «Согласование» → «Начать проект изменений»)";
    return {
      mode: "inForce",
      editable: false,
      draft: null,
      message: `Действующая редакция ${f.inForce.number} (постановление № ${f.inForce.decreeNumber} от ${formatDate(f.inForce.decreeDate)}) утверждена: содержание программы только для чтения; ${reopen}. Факты, обоснования и документы вносятся на странице «Мониторинг»`,
      messageEn: `Version ${f.inForce.number} is in force (decree ${f.inForce.decreeNumber} of ${f.inForce.decreeDate}): the program's content is read-only; only an amendment opened by the responsible executor changes it. Facts are entered by monitoring`,
      reopen,
      rule: "220-п 4.3, 4.4",
    };
  }
  return {
    mode: "new",
    editable: true,
    draft: null,
    message: "Новая программа, еще не направленная на согласование: содержание можно изменять",
    messageEn: "A new program not yet sent for approval: its content may change",
    reopen: null,
    rule: "220-п 4.3",
  };
}

/** Refuses a change of content when the state does not allow it: a RuleError naming the state and who can reopen it. */
export function contentChangeError(state: ContentState, what: string, fields: readonly string[]): RuleError | null {
  if (state.editable || fields.length === 0) return null;
  return new RuleError(`${what}: изменить нельзя. ${state.message}`, state.rule, [
    { path: fields[0] === "*" ? "" : fields[0]!, message: state.message, messageEn: state.messageEn, rule: state.rule },
  ]);
}

// ---- when the record of execution may change ---------------------------------------------------

/** A report of the program for a period: its state and each direction's part. */
export interface ReportFreezeFacts {
  year: number;
  period: ReportPeriod;
  programState: ProgramReportState;
  /** By direction id. */
  directions: Readonly<Record<string, DirectionReportState>>;
}

export interface ExecutionFreeze {
  message: string;
  messageEn: string;
  reopen: string;
  rule: string;
}

/**
 * Whether the record of execution of a row (its reporting slot, in `directionId`) is frozen for a
 * role by the reports submitted: a submitted program report (until it is returned) for everyone;
 * a direction's submitted or accepted part for the co-executor (until the executor returns it).
 * A concluded period is the period lock's business (locks.ts, 6.16).
 */
export function executionFreeze(
  resource: string,
  row: Record<string, unknown>,
  directionId: string | null,
  role: string,
  reports: readonly ReportFreezeFacts[],
): ExecutionFreeze | null {
  // the budget schedule and cash are the finance department's own stream of data (220-п 6.6),
  // not the executor's report: only the period lock (6.16) closes them
  if (resource === "budgetExecution" || resource === "budgetSchedule") return null;
  const slot = reportingSlot(resource, row);
  if (!slot) return null;
  // annual reports first: they cover the whole year
  const sorted = [...reports].sort((a, b) => (a.period === "annual" ? -1 : b.period === "annual" ? 1 : 0));
  for (const r of sorted) {
    if (!lockCovers({ year: r.year, period: r.period }, slot)) continue;
    const label = periodLabel(r.year, r.period);
    if (r.programState === "submitted" || r.programState === "financeReviewed") {
      const reviewer = r.period === "annual" && r.programState === "submitted" ? "управление финансов" : "управление экономики";
      const reopen = `вернуть отчет на доработку может ${reviewer}`;
      return {
        message: `Отчет за ${label} представлен (${PROGRAM_REPORT_STATE_LABELS[r.programState].ru}): его данные заморожены до возврата на доработку; ${reopen}`,
        messageEn: `The report for ${r.period} ${r.year} is submitted: its data is frozen until it is returned for rework (by the ${reviewer === "управление финансов" ? "finance" : "economy"} department)`,
        reopen,
        rule: "220-п п. 6.8, 6.9, 6.13",
      };
    }
    if (role === "coexecutor" && directionId) {
      const ds = r.directions[directionId];
      if (ds === "submitted" || ds === "accepted" || (ds !== undefined && r.programState === "compiled")) {
        const reopen = "вернуть информацию на доработку может ответственный исполнитель («Вернуть направление на доработку»)";
        return {
          message: `Информация по направлению за ${label} ${DIRECTION_REPORT_STATE_LABELS[ds].ru}: факты заморожены для соисполнителя до возврата на доработку; ${reopen}`,
          messageEn: `The direction's information for ${r.period} ${r.year} is ${DIRECTION_REPORT_STATE_LABELS[ds].en}: its facts are frozen for the co-executor until the executor returns it`,
          reopen,
          rule: "220-п п. 6.7, 6.10",
        };
      }
    }
  }
  return null;
}

/** executionFreeze as a RuleError (or null). */
export function executionChangeError(what: string, fields: readonly string[], freeze: ExecutionFreeze | null): RuleError | null {
  if (!freeze || fields.length === 0) return null;
  return new RuleError(`${what}: изменить нельзя. ${freeze.message}`, freeze.rule, [
    { path: fields[0]!, message: freeze.message, messageEn: freeze.messageEn, rule: freeze.rule },
  ]);
}

// ---- the version in force with today's record of execution ----------------------------------------

const keyOf = (x: { code?: string | null; name: string }) =>
  x.code && x.code.trim() ? `c:${x.code.trim()}` : `n:${x.name.trim().toLowerCase()}`;

/**
 * The content of `content` (the version in force) with the record of execution of `record` (the
 * live rows): what the program's rows become when an amendment is withdrawn — its working copy is
 * dropped, the facts entered meanwhile are kept. Rows are matched as the diff matches them (codes,
 * or names; years and months; checkpoints by name); a row the version in force lacks keeps nothing.
 */
export function withRecordOf(content: ProgramDocument, record: ProgramDocument): ProgramDocument {
  const doc = structuredClone(content);
  const years = <T extends { year: number; fact?: string | null; justification?: string | null }>(
    target: T[],
    live: readonly T[] | undefined,
  ) => {
    for (const v of target) {
      const l = live?.find((x) => x.year === v.year);
      v.fact = l?.fact ?? null;
      v.justification = l?.justification ?? null;
    }
  };
  const indicators = new Map(record.indicators.map((i) => [keyOf(i), i]));
  for (const i of doc.indicators) years(i.values, indicators.get(keyOf(i))?.values);
  for (const d of doc.directions) {
    const ld = record.directions.find((x) => x.code === d.code);
    // the budget schedule and cash are the record of execution: the live ones
    d.budgetExecution = ld?.budgetExecution ? structuredClone(ld.budgetExecution) : [];
    d.budgetSchedule = ld?.budgetSchedule ? structuredClone(ld.budgetSchedule) : [];
    for (const e of d.elements) {
      const le = ld?.elements.find((x) => x.code === e.code);
      e.budgetExecution = le?.budgetExecution ? structuredClone(le.budgetExecution) : [];
      e.budgetSchedule = le?.budgetSchedule ? structuredClone(le.budgetSchedule) : [];
      for (const m of e.metrics) {
        const lm = le?.metrics.find((x) => keyOf(x) === keyOf(m));
        years(m.values, lm?.values);
        for (const mo of m.months) {
          const l = lm?.months.find((x) => x.year === mo.year && x.month === mo.month);
          mo.fact = l?.fact ?? null;
          mo.forecast = l?.forecast ?? null;
          mo.justification = l?.justification ?? null;
        }
      }
      for (const cp of e.checkpoints) {
        const l = le?.checkpoints.find(
          (x) => x.name.trim().toLowerCase() === cp.name.trim().toLowerCase() && (x.activity ?? "") === (cp.activity ?? ""),
        );
        cp.actualDate = l?.actualDate ?? null;
        // the comment on the checkpoint (results / problems) is the record of execution too
        if (l?.comment) cp.comment = l.comment;
        else delete cp.comment;
      }
    }
  }
  return doc;
}
