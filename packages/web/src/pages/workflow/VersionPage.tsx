/**
 * /versions/:id — one version of a program: its decree and state; the comparison with the
 * previous version (or any chosen two) side by side, section by section (structure, indicators,
 * metrics, checkpoints, funding), changed values highlighted; the explanatory note made from the
 * changes with a reason for each, editable while the draft is with its author, and its text file.
 */
import { useBudgetSourceNames } from "../../lib/labels.ts";
import { useState } from "react";
import { FIELD_LABELS, formatDecimalRu, formatDeltaRu, formatMoneyRu, KIND_LABELS, FLOW_LABELS, parseMoney } from "@orientir/domain";
import { api, type BodyOf, type Schema } from "../../lib/api.ts";
import { useSave } from "../../lib/query.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { ActionPanel, ErrorBox, fmtDate, Term, useStateLabel, WorkflowHistory, type Change } from "./common.tsx";
import { WorkflowStepper } from "./Stepper.tsx";
import { DraftAttachments } from "./DraftAttachments.tsx";
import { useMoneyUnit } from "../../lib/money.ts";
import { Loading } from "../../components/Loading.tsx";

/** The comparison of two versions of a program (GET /api/programs/:id/diff). */
type Diff = Schema<"VersionDiff">;
/** The explanatory note of a version (GET and PATCH /api/versions/:id/note). */
type Note = Schema<"VersionNote">;

const SECTIONS: [key: string, entities: string[]][] = [
  ["structure", ["program", "coExecutor", "goal", "stage", "direction", "element", "task", "activity"]],
  ["indicators", ["indicator"]],
  ["metrics", ["metric"]],
  ["checkpoints", ["checkpoint"]],
  ["funding", ["funding", "fundingTotal"]],
];

const M = messages({
  loading: ["Загрузка…", "Loading…"],
  versions: ["Редакции и согласование", "Versions and approval"],
  title: ["Редакция {n}", "Version {n}"],
  decree: ["Утверждена: № {n} от {d}", "Approved: No. {n} of {d}"],
  draftLive: ["показаны текущие данные программы", "the program's current data are shown"],
  s_draft: ["проект", "draft"],
  s_approved: ["утверждена — не изменяется", "approved — never changes"],
  s_cancelled: ["отозвана", "withdrawn"],
  compare: ["Сравнение редакций", "Comparison"],
  from: ["Было", "Before"],
  to: ["Стало", "After"],
  current: ["текущие данные", "current data"],
  versionOpt: ["редакция {n} ({s})", "version {n} ({s})"],
  noBase: ["Это первая редакция: выберите, с чем сравнить.", "This is the first version: choose what to compare it with."],
  none: ["Различий нет.", "No differences."],
  total: ["Изменений: {n}", "Changes: {n}"],
  object: ["Что", "What"],
  field: ["Поле, период", "Field, period"],
  delta: ["Изменение", "Change"],
  structure: ["Структура", "Structure"],
  indicators: ["Индикаторы", "Indicators"],
  metrics: ["Показатели", "Metrics"],
  checkpoints: ["Контрольные точки", "Checkpoints"],
  funding: ["Финансирование, {unit}", "Funding, {unit}"],
  added: ["добавлено", "added"],
  removed: ["исключено", "removed"],
  endOfMonth: ["на конец месяца {m}", "end of month {m}"],
  dec31: ["на 31 декабря", "on 31 December"],
  note: ["Пояснительная записка", "Explanatory note"],
  conformity: [
    "Сверка {y} года с росписью и годовым отчетом (220-п пп. 4.16, 4.22)",
    "The year {y} against the budget schedule and the annual report (220-p 4.16, 4.22)",
  ],
  conformityNone: ["Расхождений нет", "No mismatch"],
  expected: ["Роспись / годовой отчет", "Schedule / annual report"],
  actual: ["В проекте", "In the draft"],
  mismatch: ["Расхождение", "Mismatch"],
  reasons: ["Причины изменений", "Reasons of the changes"],
  reason: ["Причина", "Reason"],
  change: ["Изменение", "Change"],
  missing: [
    "Не указаны причины изменений: {n}. Без них проект не направить на экспертизу (220-п п. 4.7.1).",
    "Reasons missing: {n}. The draft cannot go to review without them (Decree 220-p, 4.7.1).",
  ],
  totalReason: ["по причине изменения финансирования элементов", "by the reason of the elements' funding"],
  saveReasons: ["Сохранить причины", "Save the reasons"],
  saved: ["Сохранено", "Saved"],
  text: ["Текст записки", "Text of the note"],
  edited: ["(отредактирован вручную)", "(edited by hand)"],
  saveText: ["Сохранить текст", "Save the text"],
  resetText: ["Вернуть текст, составленный по изменениям", "Back to the generated text"],
  download: ["Скачать записку (.txt)", "Download the note (.txt)"],
  downloadDocx: ["DOCX", "DOCX"],
  downloadPdf: ["PDF", "PDF"],
  approval: ["Согласование", "Approval"],
  takeCurrent: ["Показать текущую версию записки", "Show the note as it is now"],
  noteNow: ["записка изменена другим пользователем (причин: {n})", "the note was changed by someone else ({n} reasons)"],
  toWorkflow: ["Ход согласования", "Approval steps"],
});

/** A value of a change for display: decimals and money in Russian figures, dates as dd.mm.yyyy. */
function show(c: Change, v: string | null | undefined): string {
  if (v === null || v === undefined || v === "") return "—";
  if (c.valueKind === "money") return moneyRu(v);
  if (c.valueKind === "decimal" || c.valueKind === "int") return formatDecimalRu(v);
  if (c.valueKind === "date") return fmtDate(v);
  return v;
}

/** Money in thousands with its two decimals: "1000.5" → "1 000,50". */
function moneyRu(v: string): string {
  try {
    return formatMoneyRu(parseMoney(v));
  } catch {
    return v;
  }
}
/** A value of the conformity check in Russian figures: money (a funding path) with its kopecks, other values as decimals. */
function conformityValue(path: string, v: string | null): string {
  if (v === null) return "—";
  return /\.funding\./.test(path) ? moneyRu(v) : formatDecimalRu(v);
}
function deltaOf(c: Change): string {
  if (!c.delta) return "";
  if (c.valueKind !== "money") return formatDeltaRu(c.delta);
  const s = moneyRu(c.delta);
  return s.startsWith("-") || /^0,00$/.test(s) ? s : `+${s}`;
}

export function VersionPage({ params }: { params: Record<string, string> }) {
  const t = useT(M);
  const { lang } = useLang();
  const stateLabel = useStateLabel();
  const { query } = useLocation();
  const version = useLoad(() => api.GET("/api/versions/{id}", { params: { path: { id: params.id! } } }), [params.id]);
  const v = version.data;
  const all = useLoad(
    () => (v ? api.GET("/api/programs/{id}/versions", { params: { path: { id: v.programId } } }) : Promise.resolve(null)),
    [v?.programId],
  );
  const versions = (all.data?.versions ?? [])
    .filter((x) => !v || (x.flow === v.flow && x.directionCode === v.directionCode))
    .sort((a, b) => a.number - b.number);
  const previous = v
    ? (v.basedOnId ?? [...versions].reverse().find((x) => x.number < v.number && x.status === "approved")?.id ?? null)
    : null;
  const from = query.get("from") ?? previous;
  const to = query.get("to") ?? params.id!;
  const diff = useLoad(
    () =>
      v && from
        ? api.GET("/api/programs/{id}/diff", { params: { path: { id: v.programId }, query: { from, to } } })
        : Promise.resolve(null),
    [v?.programId, from, to],
  );
  const note = useLoad(() => api.GET("/api/versions/{id}/note", { params: { path: { id: params.id! } } }), [params.id]);
  const workflow = useLoad(
    () => (v?.workflowId ? api.GET("/api/workflows/{id}", { params: { path: { id: v.workflowId } } }) : Promise.resolve(null)),
    [v?.workflowId],
  );

  if (version.error && !v)
    return (
      <p className="error" role="alert">
        {version.error.message}
      </p>
    );
  if (!v) return <Loading />;

  const pick = (which: "from" | "to", value: string) => {
    const next = new URLSearchParams(query);
    next.set(which, value);
    if (!next.get(which === "from" ? "to" : "from"))
      next.set(which === "from" ? "to" : "from", which === "from" ? to : (from ?? "current"));
    navigate(`/versions/${params.id}?${next.toString()}`, { replace: true });
  };
  const options = (
    <>
      {versions.map((x) => (
        <option key={x.id} value={x.id}>
          {t("versionOpt", { n: x.number, s: t(`s_${x.status}`).split(" ")[0]! })}
          {x.decreeNumber ? ` № ${x.decreeNumber}` : ""}
        </option>
      ))}
      <option value="current">{t("current")}</option>
    </>
  );

  return (
    <section>
      <p className="muted">
        <Link to={`/programs/${v.programId}/versions`}>{t("versions")}</Link>
        {v.workflowId ? (
          <>
            {" · "}
            <Link to={`/programs/${v.programId}/versions#wf-${v.workflowId}`}>{t("toWorkflow")}</Link>
          </>
        ) : null}
      </p>
      <h1 data-testid="version-title">
        {t("title", { n: v.number })}: {FLOW_LABELS[v.flow][lang]}, {KIND_LABELS[v.kind][lang].toLowerCase()}
        {v.directionCode ? ` (${v.directionCode}. ${v.directionName ?? ""})` : ""}
      </h1>
      <p>
        <span className={`badge ${v.status}`}>{t(`s_${v.status}`)}</span>{" "}
        {v.state ? <span className="muted">{stateLabel(v.state)}</span> : null}{" "}
        {v.decreeNumber ? (
          <strong data-testid="version-decree">{t("decree", { n: v.decreeNumber, d: fmtDate(v.decreeDate) })}</strong>
        ) : null}
        {v.live ? <span className="muted"> · {t("draftLive")}</span> : null}
      </p>

      {workflow.data ? (
        <section className="wf-on-version" data-testid="version-workflow">
          <h2>{t("approval")}</h2>
          <WorkflowStepper wf={workflow.data} />
          <Term wf={workflow.data} />
          <ActionPanel
            wf={workflow.data}
            // the step's answer at once; the version, its note and the bell are fetched again by the step's mutation
            onDone={(next) => workflow.setData(next)}
          />
          <WorkflowHistory wf={workflow.data} />
        </section>
      ) : null}

      <h2>{t("compare")}</h2>
      <div className="compare">
        <label>
          <span>{t("from")}</span>
          <select aria-label={t("from")} value={from ?? ""} onChange={(e) => pick("from", e.target.value)} data-testid="compare-from">
            {from ? null : <option value="">—</option>}
            {options}
          </select>
        </label>
        <label>
          <span>{t("to")}</span>
          <select aria-label={t("to")} value={to} onChange={(e) => pick("to", e.target.value)} data-testid="compare-to">
            {options}
          </select>
        </label>
      </div>
      {!from ? <p className="muted">{t("noBase")}</p> : null}
      {diff.error ? <ErrorBox error={diff.error} /> : null}
      {diff.data ? <DiffTable diff={diff.data} /> : from && !diff.error ? <Loading /> : null}

      {note.data ? (
        <section data-testid="conformity">
          <h2>{t("conformity", { y: note.data.conformity.year })}</h2>
          {note.data.conformity.issues.length === 0 ? (
            <p className="muted">{t("conformityNone")}</p>
          ) : (
            <table className="data" aria-label={t("conformity", { y: note.data.conformity.year })}>
              <thead>
                <tr>
                  <th>{t("mismatch")}</th>
                  <th>{t("expected")}</th>
                  <th>{t("actual")}</th>
                </tr>
              </thead>
              <tbody>
                {note.data.conformity.issues.map((i) => (
                  <tr key={`${i.rule}:${i.path}`} data-testid="conformity-issue" data-rule={i.rule}>
                    <td>{lang === "en" ? i.messageEn : i.message}</td>
                    <td className="num">{conformityValue(i.path, i.expected)}</td>
                    <td className="num">{conformityValue(i.path, i.actual)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}

      <DraftAttachments versionId={v.id} />

      <h2>{t("note")}</h2>
      {note.error ? <ErrorBox error={note.error} /> : null}
      {note.data ? <NoteEditor note={note.data} onChange={(n) => note.setData(n)} /> : null}
    </section>
  );
}

function DiffTable({ diff }: { diff: Diff }) {
  const unit = useMoneyUnit();
  const t = useT(M);
  const sourceName = useBudgetSourceNames();
  if (diff.changes.length === 0)
    return (
      <p className="muted" data-testid="diff-none">
        {t("none")}
      </p>
    );
  const period = (c: Change) => {
    const parts: string[] = [];
    if (c.field) parts.push(FIELD_LABELS[c.field] ?? c.field);
    if (c.year !== undefined) parts.push(String(c.year));
    if (c.month !== undefined) parts.push(c.month === 12 ? t("dec31") : t("endOfMonth", { m: c.month }));
    if (c.source) parts.push(sourceName(c.source));
    if (c.date && c.entity === "checkpoint" && !c.field) parts.push(fmtDate(c.date));
    return parts.join(", ");
  };
  return (
    <>
      <p className="muted">{t("total", { n: diff.summary.total })}</p>
      <table className="data diff" aria-label={t("compare")} data-testid="diff-table">
        <thead>
          <tr>
            <th>{t("object")}</th>
            <th>{t("field")}</th>
            <th className="side" data-testid="diff-from-label">
              {diff.from.label}
            </th>
            <th className="side" data-testid="diff-to-label">
              {diff.to.label}
            </th>
            <th>{t("delta")}</th>
          </tr>
        </thead>
        <tbody>
          {SECTIONS.map(([key, entities]) => {
            const rows = diff.changes.filter((c) => entities.includes(c.entity));
            if (!rows.length) return null;
            return [
              <tr key={key} className="section">
                <td colSpan={5}>{t(key as "structure", { unit })}</td>
              </tr>,
              ...rows.map((c) => (
                <tr key={c.path} data-testid={`diff-${c.path}`}>
                  <td>{c.label}</td>
                  <td>{period(c)}</td>
                  <td className={`before ${c.kind}`} data-testid="diff-before">
                    {c.kind === "added" ? "—" : show(c, c.before)}
                  </td>
                  <td className={`after ${c.kind}`} data-testid="diff-after">
                    {c.kind === "removed" ? "—" : c.kind === "added" && c.after === undefined ? t("added") : show(c, c.after)}
                  </td>
                  <td className="delta">
                    {c.delta ? deltaOf(c) : c.kind === "changed" ? "" : t(c.kind === "added" ? "added" : "removed")}
                  </td>
                </tr>
              )),
            ];
          })}
        </tbody>
      </table>
    </>
  );
}

function NoteEditor({ note, onChange }: { note: Note; onChange: (n: Note) => void }) {
  const t = useT(M);
  const sourceName = useBudgetSourceNames();
  const [reasons, setReasons] = useState<Record<string, string>>(note.reasons);
  const [text, setText] = useState(note.text);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const patch = useSave((body: BodyOf<"patch", "/api/versions/{id}/note">) =>
    api.PATCH("/api/versions/{id}/note", { params: { path: { id: note.versionId } }, body }),
  );
  const busy = patch.busy;
  const missing = new Set(note.generated.missingReasons);
  const save = async (body: Omit<BodyOf<"patch", "/api/versions/{id}/note">, "version">) => {
    setError(null);
    setSaved(false);
    try {
      const next = await patch.run({ version: note.version, ...body });
      onChange(next);
      setReasons(next.reasons);
      setText(next.text);
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };
  const takeCurrent = (current: Note) => {
    onChange(current);
    setReasons(current.reasons);
    setText(current.text);
    setError(null);
  };
  const changes = note.changes;
  return (
    <div className="note">
      {note.editable && changes.length ? (
        <>
          <h3>{t("reasons")}</h3>
          {missing.size ? (
            <p className="warning" data-testid="missing-reasons">
              {t("missing", { n: missing.size })}
            </p>
          ) : null}
          <table className="data note-reasons" aria-label={t("reasons")}>
            <thead>
              <tr>
                <th>{t("change")}</th>
                <th>{t("reason")}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.path}>
                  <td>
                    {c.label}
                    {c.field ? `: ${FIELD_LABELS[c.field] ?? c.field}` : ""}
                    {c.year !== undefined ? `, ${c.year}` : ""}
                    {c.source ? `, ${sourceName(c.source)}` : ""}
                    {c.before !== undefined || c.after !== undefined ? (
                      <small className="muted">
                        {" "}
                        ({show(c, c.before)} → {show(c, c.after)})
                      </small>
                    ) : null}
                  </td>
                  <td className={missing.has(c.path) ? "missing" : ""}>
                    <textarea
                      rows={2}
                      aria-label={`${t("reason")}: ${c.label}`}
                      data-testid={`reason-${c.path}`}
                      value={reasons[c.path] ?? ""}
                      placeholder={c.entity === "fundingTotal" ? t("totalReason") : ""}
                      onChange={(e) => setReasons({ ...reasons, [c.path]: e.target.value })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="toolbar">
            <button
              type="button"
              disabled={busy}
              data-testid="save-reasons"
              onClick={() => void save({ reasons: Object.fromEntries(Object.entries(reasons).filter(([, r]) => r.trim() !== "")) })}
            >
              {t("saveReasons")}
            </button>
          </div>
        </>
      ) : null}
      <ErrorBox
        error={error}
        describeCurrent={(c: Note) => (
          <>
            {t("noteNow", { n: Object.keys(c.reasons ?? {}).length })}{" "}
            <button type="button" className="link" onClick={() => takeCurrent(c)} data-testid="take-current">
              {t("takeCurrent")}
            </button>
          </>
        )}
      />
      {saved ? (
        <p className="ok" role="status">
          {t("saved")}
        </p>
      ) : null}
      <h3>
        {note.generated.title} {note.edited ? <small className="muted">{t("edited")}</small> : null}
      </h3>
      {note.editable ? (
        <div className="note-text">
          <textarea aria-label={t("text")} rows={16} value={text} onChange={(e) => setText(e.target.value)} data-testid="note-text" />
          <div className="toolbar">
            <button type="button" disabled={busy} onClick={() => void save({ text })} data-testid="save-text">
              {t("saveText")}
            </button>
            {note.edited ? (
              <button type="button" className="secondary" disabled={busy} onClick={() => void save({ text: null })}>
                {t("resetText")}
              </button>
            ) : null}
          </div>
        </div>
      ) : (
        <div className="note-preview" data-testid="note-preview">
          {note.text}
        </div>
      )}
      <p>
        <a href={`/api/versions/${note.versionId}/note.txt`} download data-testid="note-download">
          {t("download")}
        </a>
        {" · "}
        <a href={`/api/versions/${note.versionId}/note.docx`} download data-testid="note-download-docx">
          {t("downloadDocx")}
        </a>
        {" · "}
        <a href={`/api/versions/${note.versionId}/note.pdf`} download data-testid="note-download-pdf">
          {t("downloadPdf")}
        </a>
      </p>
    </div>
  );
}
