/**
 * /programs/:id/versions — the versions of a program: the one in force, the drafts, the history;
 * "Начать изменение" for whoever may prepare a draft; the workflow of each open draft with its
 * steps, conclusions and remarks, its term and the actions the current user may take.
 */
import { useState, type FormEvent } from "react";
import { FLOW_LABELS, KIND_LABELS } from "@orientir/domain";
import { api, ApiError, type Schema } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate } from "../../lib/router.tsx";
import { useSession } from "../../lib/session.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { useSave } from "../../lib/query.ts";
import {
  ActionPanel,
  ErrorBox,
  fmtDate,
  LegalDeadlines,
  Term,
  useStateLabel,
  WorkflowHistory,
  type VersionView,
  type WorkflowView,
} from "./common.tsx";
import { Loading } from "../../components/Loading.tsx";
import { DateField } from "../../components/DateField.tsx";

const M = messages({
  programs: ["Муниципальные программы", "Municipal programs"],
  toProgram: ["Паспорт и таблицы программы", "The program's passport and tables"],
  title: ["Редакции и согласование", "Versions and approval"],
  loading: ["Загрузка…", "Loading…"],
  inForce: ["Действующая редакция: {n}", "Version in force: {n}"],
  noneInForce: ["Утвержденной редакции пока нет.", "No approved version yet."],
  startAmendment: ["Начать изменение", "Start an amendment"],
  startProgram: ["Начать проект программы", "Start the draft program"],
  discussion: [
    "Изменяется перечень общественных и дворовых территорий (нужно общественное обсуждение, 220-п п. 4.5)",
    "Changes the list of public and yard territories (public discussion, Decree 220-p, 4.5)",
  ],
  register: ["Зарегистрировать действующую редакцию", "Register the version in force"],
  registerHint: [
    "Программа утверждена до ведения в системе: укажите постановление, и текущие данные станут действующей редакцией.",
    "The program was approved before it was kept here: give the decree, and the current data become the version in force.",
  ],
  decreeNumber: ["Номер постановления", "Decree number"],
  decreeDate: ["Дата постановления", "Decree date"],
  versions: ["Редакции", "Versions"],
  number: ["№", "No."],
  kind: ["Вид", "Kind"],
  status: ["Статус", "Status"],
  stage: ["Этап согласования", "Stage"],
  decree: ["Постановление (распоряжение)", "Decree (order)"],
  author: ["Подготовил", "Prepared by"],
  open: ["Изменения и записка", "Changes and note"],
  s_draft: ["проект", "draft"],
  s_approved: ["утверждена", "approved"],
  s_cancelled: ["отозвана", "withdrawn"],
  s_inForce: ["действует", "in force"],
  decreeOf: ["№ {n} от {d}", "No. {n} of {d}"],
  current: ["Текущие проекты", "Current drafts"],
  noCurrent: ["Проектов на согласовании нет.", "No drafts under approval."],
  history: ["Завершенные согласования", "Finished approvals"],
  version: ["Редакция {n}", "Version {n}"],
  direction: ["направление {c}", "direction {c}"],
  changes: ["Изменения, сравнение и пояснительная записка", "Changes, comparison and explanatory note"],
  legal: ["Сроки 220-п, которые касаются проекта", "Dates of Decree 220-p for this draft"],
  discussionPeriod: ["Общественное обсуждение: {from} — {to}", "Public discussion: {from} — {to}"],
  orders: ["Распоряжения по направлениям", "Orders on directions"],
  audit: ["· все шаги в журнале изменений", "· every step in the audit log"],
  startOrder: ["Начать распоряжение по направлению {c}", "Start the order on direction {c}"],
});

export function VersionsPage({ params }: { params: Record<string, string> }) {
  const t = useT(M);
  const { lang } = useLang();
  const { can } = useSession();
  const stateLabel = useStateLabel();
  const program = useLoad(() => api.GET("/api/programs/{id}", { params: { path: { id: params.id! } } }), [params.id]);
  const versions = useLoad(() => api.GET("/api/programs/{id}/versions", { params: { path: { id: params.id! } } }), [params.id]);
  const workflows = useLoad(() => api.GET("/api/programs/{id}/workflows", { params: { path: { id: params.id! } } }), [params.id]);
  const directions = useLoad(
    () =>
      api.GET("/api/directions", { params: { query: { programId: params.id! } } }).catch(() => ({ items: [] as Schema<"Direction">[] })),
    [params.id],
  );
  const [discussionRequired, setDiscussionRequired] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const write = useSave((fn: () => Promise<unknown>) => fn());
  const busy = write.busy;
  const [decree, setDecree] = useState({ number: "", date: "" });
  const p = program.data;
  if (program.error && !p)
    return (
      <p className="error" role="alert">
        {program.error.message}
      </p>
    );
  if (!p || !versions.data || !workflows.data) return <Loading />;

  const target = (extra: Record<string, unknown> = {}) =>
    ({
      area: "workflow",
      municipalityId: p.municipalityId,
      flow: "program",
      responsibleDepartmentId: p.responsibleDepartmentId,
      directionCoExecutorId: null,
      ...extra,
    }) as const;
  const list = [...versions.data.versions].sort((a, b) => b.number - a.number);
  const inForce = versions.data.inForce;
  const hasProgramVersions = list.some((v) => v.flow === "program");
  const programDraft = list.find((v) => v.flow === "program" && v.status === "draft");
  const mayStart = can("create", target());
  const mayRegister = !hasProgramVersions && can("create", target({ step: "register" }));
  // an approved draft stays current until it is published (220-п 4.18)
  const finished = (w: WorkflowView) => w.state === "published" || w.state === "cancelled";
  const open = workflows.data.items.filter((w) => !finished(w));
  const closed = workflows.data.items.filter(finished);
  const orderDirections = (directions.data?.items ?? []).filter((d) =>
    can("create", { ...target(), flow: "directionOrder", directionCoExecutorId: d.coExecutorDepartmentId }),
  );

  // each write is a mutation: the versions, the workflows and the program are fetched again after it
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await write.run(fn);
    } catch (e) {
      setError(e);
    }
  };
  const start = () =>
    run(async () => {
      const wf = await api.POST("/api/programs/{id}/versions", {
        params: { path: { id: p.id } },
        body: inForce ? { discussionRequired } : {},
      });
      navigate(`/versions/${wf.programVersion.id}`);
    });
  const register = (e: FormEvent) => {
    e.preventDefault();
    void run(() =>
      api.POST("/api/programs/{id}/versions/in-force", {
        params: { path: { id: p.id } },
        body: { decreeNumber: decree.number, decreeDate: decree.date },
      }),
    );
  };
  // the step's answer at once (its mutation has the versions and the program fetched again)
  const replaceWorkflow = (next: WorkflowView) =>
    workflows.setData({ items: workflows.data!.items.map((w) => (w.id === next.id ? next : w)) });
  const statusBadge = (v: VersionView) =>
    v.status === "approved" && v.flow === "program" && v.number === inForce ? (
      <span className="badge in-force">{t("s_inForce")}</span>
    ) : (
      <span className={`badge ${v.status}`}>{t(`s_${v.status}`)}</span>
    );
  const issue = (f: string) => (error instanceof ApiError ? error.issueFor(f) : undefined);

  return (
    <section>
      <p className="muted">
        <Link to="/programs">{t("programs")}</Link> · <Link to={`/programs/${p.id}`}>{t("toProgram")}</Link>
      </p>
      <h1 data-testid="versions-title">
        {p.code}. {p.name}: {t("title").toLowerCase()}
      </h1>
      <p data-testid="in-force">{inForce ? t("inForce", { n: inForce }) : t("noneInForce")}</p>

      {mayStart && !programDraft ? (
        <div className="toolbar">
          <button type="button" disabled={busy} onClick={() => void start()} data-testid="start-draft">
            {inForce ? t("startAmendment") : t("startProgram")}
          </button>
          {inForce ? (
            <label className="inline">
              <span>
                <input type="checkbox" checked={discussionRequired} onChange={(e) => setDiscussionRequired(e.target.checked)} />{" "}
                {t("discussion")}
              </span>
            </label>
          ) : null}
        </div>
      ) : null}
      {mayRegister ? (
        <form className="card step-form" onSubmit={register} aria-label={t("register")} data-testid="register-in-force">
          <h3>{t("register")}</h3>
          <p className="muted">{t("registerHint")}</p>
          <div className="row">
            <label className={issue("decreeNumber") ? "invalid" : ""}>
              <span>{t("decreeNumber")}</span>
              <input name="decreeNumber" value={decree.number} onChange={(e) => setDecree({ ...decree, number: e.target.value })} />
              {issue("decreeNumber") ? <span className="error field-error">{issue("decreeNumber")}</span> : null}
            </label>
            <label className={issue("decreeDate") ? "invalid" : ""}>
              <span>{t("decreeDate")}</span>
              <DateField
                name="decreeDate"
                aria-label={t("decreeDate")}
                value={decree.date}
                onChange={(date) => setDecree({ ...decree, date })}
              />
              {issue("decreeDate") ? <span className="error field-error">{issue("decreeDate")}</span> : null}
            </label>
          </div>
          <button type="submit" disabled={busy}>
            {t("register")}
          </button>
        </form>
      ) : null}
      {orderDirections.length ? (
        <div className="toolbar">
          <span className="muted">{t("orders")}:</span>
          {orderDirections.map((d) => (
            <button
              key={d.id}
              type="button"
              className="secondary"
              disabled={busy || list.some((v) => v.flow === "directionOrder" && v.directionCode === d.code && v.status === "draft")}
              onClick={() =>
                void run(async () => {
                  const wf = await api.POST("/api/directions/{id}/orders", { params: { path: { id: d.id } }, body: {} });
                  navigate(`/versions/${wf.programVersion.id}`);
                })
              }
            >
              {t("startOrder", { c: d.code ?? "" })}
            </button>
          ))}
        </div>
      ) : null}
      <ErrorBox error={error} describeCurrent={(c: VersionView) => <Link to={`/versions/${c.id}`}>{t("version", { n: c.number })}</Link>} />

      <h2>{t("current")}</h2>
      {open.length === 0 ? <p className="muted">{t("noCurrent")}</p> : null}
      {open.map((wf) => (
        <WorkflowPanel key={wf.id} wf={wf} onChange={replaceWorkflow} />
      ))}

      <h2>{t("versions")}</h2>
      <table className="data" aria-label={t("versions")} data-testid="versions-table">
        <thead>
          <tr>
            <th>{t("number")}</th>
            <th>{t("kind")}</th>
            <th>{t("status")}</th>
            <th>{t("stage")}</th>
            <th>{t("decree")}</th>
            <th>{t("author")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((v) => (
            <tr key={v.id} className={v.flow === "program" && v.number === inForce ? "in-force" : ""} data-testid={`version-${v.number}`}>
              <td className="num">{v.number}</td>
              <td>
                {FLOW_LABELS[v.flow][lang]}: {KIND_LABELS[v.kind][lang].toLowerCase()}
                {v.directionCode ? <>, {t("direction", { c: v.directionCode })}</> : null}
              </td>
              <td>{statusBadge(v)}</td>
              <td>{stateLabel(v.state)}</td>
              <td>{v.decreeNumber ? t("decreeOf", { n: v.decreeNumber, d: fmtDate(v.decreeDate) }) : ""}</td>
              <td>
                {v.createdByName ?? v.createdByLogin ?? ""} <small className="muted">{fmtDate(v.createdAt)}</small>
              </td>
              <td>
                <Link to={`/versions/${v.id}`}>{t("open")}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {closed.length ? (
        <>
          <h2>{t("history")}</h2>
          {closed.map((wf) => (
            <details key={wf.id} className="card wf-panel" id={`wf-${wf.id}`}>
              <summary>
                {t("version", { n: wf.programVersion.number })}
                {wf.directionCode ? <>, {t("direction", { c: wf.directionCode })}</> : null} — {stateLabel(wf.state)}
              </summary>
              <p>
                <Link to={`/versions/${wf.programVersion.id}`}>{t("changes")}</Link> <AuditLink wf={wf} />
              </p>
              <WorkflowHistory wf={wf} />
            </details>
          ))}
        </>
      ) : null}
    </section>
  );
}

/** The link to the audit log of one workflow, for whoever may read the log. */
function AuditLink({ wf }: { wf: WorkflowView }) {
  const t = useT(M);
  const { actor, can } = useSession();
  if (!actor || !can("read", { area: "audit", municipalityId: actor.municipalityId })) return null;
  return (
    <Link to={`/audit?objectType=workflowInstance&objectId=${wf.id}`} data-testid="workflow-audit">
      {t("audit")}
    </Link>
  );
}

function WorkflowPanel({ wf, onChange }: { wf: WorkflowView; onChange: (w: WorkflowView) => void }) {
  const t = useT(M);
  const { lang } = useLang();
  const stateLabel = useStateLabel();
  return (
    <div className="card wf-panel" id={`wf-${wf.id}`} data-testid={`workflow-${wf.programVersion.number}`}>
      <div className="wf-head">
        <h3>
          {t("version", { n: wf.programVersion.number })}: {FLOW_LABELS[wf.flow][lang]}, {KIND_LABELS[wf.kind][lang].toLowerCase()}
          {wf.directionCode ? <>, {t("direction", { c: wf.directionCode })}</> : null}
        </h3>
        <span className="state" data-testid="workflow-state">
          {stateLabel(wf.state)}
        </span>
        <Term wf={wf} />
      </div>
      {wf.discussion ? (
        <p>{t("discussionPeriod", { from: fmtDate(wf.discussion.period.from), to: fmtDate(wf.discussion.period.to) })}</p>
      ) : null}
      <p>
        <Link to={`/versions/${wf.programVersion.id}`} data-testid="open-changes">
          {t("changes")}
        </Link>{" "}
        <AuditLink wf={wf} />
      </p>
      <WorkflowHistory wf={wf} />
      <ActionPanel wf={wf} onDone={onChange} />
      {wf.legalDeadlines.length ? (
        <>
          <h4>{t("legal")}</h4>
          <LegalDeadlines items={wf.legalDeadlines} />
        </>
      ) : null}
    </div>
  );
}
