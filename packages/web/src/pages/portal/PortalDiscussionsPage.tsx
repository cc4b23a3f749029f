/**
 * /portal/discussions: public discussions, their protocols and public hearings (issue 14, part 4) as
 * staff keep them. Each discussion with its term and state, its proposals by stage and hearings;
 * at the end of the term its protocol is generated — every proposal with its author as the law
 * allows, the decision and its reason, counts by decision — as DOCX and PDF, published on the
 * portal page of the publication at once. Public hearings: announced beforehand (place, time,
 * agenda), their protocol recorded after they begin, or recorded whole once held (participants,
 * the protocol's number, date and text). Every member reads; the economy department and the
 * administrator act (the server checks; the page shows the forms to those who may).
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { api, ApiError, type Schema } from "../../lib/api.ts";
import { useConfirm } from "../../lib/confirm.tsx";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format.ts";
import { messages, useT } from "../../lib/i18n.tsx";
import { useSave } from "../../lib/query.ts";
import { useSession } from "../../lib/session.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { Link } from "../../lib/router.tsx";
import { Loading } from "../../components/Loading.tsx";
import { DateField } from "../../components/DateField.tsx";
import { DateTimeField } from "../../components/DateTimeField.tsx";
import "../strategy/pages.css";

const M = messages({
  title: ["Общественные обсуждения, протоколы и слушания", "Public discussions, protocols and hearings"],
  portal: ["Открыть портал", "Open the portal"],
  moderation: ["Предложения жителей: модерация и ответы", "Residents' proposals: moderation and answers"],
  discussions: ["Обсуждения", "Discussions"],
  noDiscussions: ["Проекты на обсуждение не публиковались", "No draft has been published for discussion"],
  publication: ["Публикация", "Publication"],
  term: ["Срок обсуждения", "Term"],
  state: ["Состояние", "State"],
  upcoming: ["еще не началось", "not started"],
  open: ["идет обсуждение", "open"],
  closed: ["срок истек", "term ended"],
  withdrawn: ["снята с публикации", "withdrawn"],
  proposals: ["Предложения", "Proposals"],
  proposalsOf: ["всего {n}, на модерации {p}, без ответа {u}", "{n} in all, {p} awaiting moderation, {u} unanswered"],
  hearings: ["Публичные слушания", "Public hearings"],
  protocol: ["Протокол", "Protocol"],
  noProtocol: ["не составлен", "not generated"],
  protocolOf: ["№ {number} от {date}", "No. {number} of {date}"],
  generateTitle: ["Протокол обсуждения «{title}»", "Protocol of the discussion «{title}»"],
  protocolNumber: ["Номер протокола", "Protocol number"],
  generate: ["Составить и опубликовать протокол", "Generate and publish the protocol"],
  confirmGenerate: [
    "Составить протокол обсуждения «{title}» и опубликовать его на портале (DOCX и PDF)? Протокол составляется один раз.",
    "Generate the protocol of «{title}» and publish it on the portal (DOCX and PDF)? It is generated once.",
  ],
  waits: [
    "Протокол составляется, когда на каждое опубликованное предложение дан ответ и модерация завершена: без ответа {u}, на модерации {p}.",
    "The protocol is generated once every published proposal is answered and none awaits moderation: {u} unanswered, {p} awaiting moderation.",
  ],
  notYet: ["Протокол составляется по окончании срока обсуждения ({date}).", "The protocol is generated after the term ends ({date})."],
  counts: ["Итоги по решениям", "Counts by decision"],
  decision: ["Решение", "Decision"],
  number: ["Число", "Number"],
  accepted: ["Учтено", "Accepted"],
  partly: ["Учтено частично", "Partly accepted"],
  rejected: ["Отклонено", "Rejected"],
  outOfScope: ["Вне предмета документа", "Outside the document's scope"],
  total: ["Всего", "Total"],
  docx: ["Скачать DOCX", "Download DOCX"],
  pdf: ["Скачать PDF", "Download PDF"],
  onPortal: ["Протокол на портале", "The protocol on the portal"],
  noHearings: ["Слушаний нет", "No hearings"],
  when: ["Дата и время", "Date and time"],
  hearingTitle: ["Тема", "Title"],
  place: ["Место", "Place"],
  participants: ["Участников", "Participants"],
  hearingState: ["Состояние", "State"],
  announced: ["объявлены", "announced"],
  held: ["проведены", "held"],
  none: ["— без публикации —", "— no publication —"],
  recordHeld: ["Записать прошедшие слушания", "Record a held hearing"],
  announce: ["Объявить слушания", "Announce a hearing"],
  agenda: ["Повестка (вопрос в строке)", "Agenda (one item a line)"],
  protocolDate: ["Дата протокола", "Protocol date"],
  protocolText: ["Текст протокола", "Protocol text"],
  recommendations: ["Рекомендации (по одной в строке)", "Recommendations (one a line)"],
  record: ["Записать", "Record"],
  recordResult: ["Внести протокол", "Record the protocol"],
  speakers: ["выступающих записалось: {n}", "speakers registered: {n}"],
});

type Discussion = Schema<"DiscussionSummary">;
type Hearing = Schema<"HearingView">;

const errorText = (e: unknown) =>
  e instanceof ApiError && e.issues.length
    ? `${e.message}: ${e.issues.map((i) => `${i.path} — ${i.message}`).join("; ")}`
    : (e as Error).message;

const lines = (s: string) =>
  s
    .split("\n")
    .map((x) => x.trim())
    .filter(Boolean);

function Error_({ text }: { text: string | null }) {
  return text ? (
    <p role="alert" className="error">
      {text}
    </p>
  ) : null;
}

const DECISIONS = ["accepted", "partly", "rejected", "outOfScope"] as const;

function ProtocolCard({ d }: { d: Discussion }) {
  const t = useT(M);
  const p = d.protocol!;
  return (
    <article className="card" data-testid={`protocol-${d.publicationId}`} aria-labelledby={`protocol-h-${d.publicationId}`}>
      <h3 id={`protocol-h-${d.publicationId}`}>
        {t("protocol")} {t("protocolOf", { number: p.number, date: formatDate(p.date) })}: {d.title}
      </h3>
      <div className="table-wrap">
        <table className="data">
          <caption>{t("counts")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("decision")}</th>
              <th scope="col">{t("number")}</th>
            </tr>
          </thead>
          <tbody>
            {DECISIONS.map((k) => (
              <tr key={k}>
                <th scope="row">{t(k)}</th>
                <td className="num">{formatNumber(p.counts[k])}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("total")}</th>
              <td className="num">{formatNumber(p.counts.total)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="row">
        <a href={p.files.docx} download>
          {t("docx")}
        </a>
        <a href={p.files.pdf} download>
          {t("pdf")}
        </a>
        <a href={p.page}>{t("onPortal")}</a>
      </p>
    </article>
  );
}

function GenerateProtocol({ d, onDone }: { d: Discussion; onDone: () => void }) {
  const t = useT(M);
  const confirm = useConfirm();
  const [number, setNumber] = useState("");
  const [error, setError] = useState<string | null>(null);
  const save = useSave(() =>
    api.POST("/api/portal/publications/{id}/protocol", { params: { path: { id: d.publicationId } }, body: { number } }),
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!(await confirm(t("confirmGenerate", { title: d.title }), { action: t("generate") }))) return;
    try {
      await save.run();
      onDone();
    } catch (x) {
      setError(errorText(x));
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} data-testid={`generate-${d.publicationId}`}>
      <h3>{t("generateTitle", { title: d.title })}</h3>
      {d.unanswered || d.pending ? (
        <p className="muted">{t("waits", { u: formatNumber(d.unanswered), p: formatNumber(d.pending) })}</p>
      ) : null}
      <div className="row">
        <label>
          {t("protocolNumber")} <input required value={number} onChange={(e) => setNumber(e.target.value)} />
        </label>
        <button type="submit" disabled={save.busy}>
          {t("generate")}
        </button>
      </div>
      <Error_ text={error} />
    </form>
  );
}

function stateOf(d: Discussion): "upcoming" | "open" | "closed" | "withdrawn" {
  return d.status === "withdrawn" ? "withdrawn" : d.state;
}

/** A section headed by its title and count: its rows as a table, or a line saying there are none. */
function CountedTable(props: {
  id: string;
  title: string;
  count: number;
  empty: string;
  testId: string;
  columns: string[];
  children: ReactNode;
  after: ReactNode;
}) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>
        {props.title} ({formatNumber(props.count)})
      </h2>
      {props.count === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid={props.testId}>
            <thead>
              <tr>
                {props.columns.map((c) => (
                  <th scope="col" key={c}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{props.children}</tbody>
          </table>
        </div>
      )}
      {props.after}
    </section>
  );
}

function Discussions({ items, editable, onDone }: { items: Discussion[]; editable: boolean; onDone: () => void }) {
  const t = useT(M);
  return (
    <CountedTable
      id="discussions-h"
      title={t("discussions")}
      count={items.length}
      empty={t("noDiscussions")}
      testId="discussions"
      columns={[t("publication"), t("term"), t("state"), t("proposals"), t("hearings"), t("protocol")]}
      after={items.map((d) =>
        d.protocol ? (
          <ProtocolCard key={d.publicationId} d={d} />
        ) : editable && d.status === "published" && d.state === "closed" ? (
          <GenerateProtocol key={d.publicationId} d={d} onDone={onDone} />
        ) : null,
      )}
    >
      {items.map((d) => (
        <tr key={d.publicationId}>
          <td>{d.title}</td>
          <td>
            {formatDate(d.startsOn)} — {formatDate(d.endsOn)}
          </td>
          <td>{t(stateOf(d))}</td>
          <td>{t("proposalsOf", { n: formatNumber(d.proposals), p: formatNumber(d.pending), u: formatNumber(d.unanswered) })}</td>
          <td className="num">{formatNumber(d.hearings)}</td>
          <td>{d.protocol ? t("protocolOf", { number: d.protocol.number, date: formatDate(d.protocol.date) }) : t("noProtocol")}</td>
        </tr>
      ))}
    </CountedTable>
  );
}

function PublicationSelect({ value, onChange, items }: { value: string; onChange: (v: string) => void; items: Discussion[] }) {
  const t = useT(M);
  return (
    <label>
      {t("publication")}{" "}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t("none")}</option>
        {items
          .filter((d) => d.status === "published")
          .map((d) => (
            <option key={d.publicationId} value={d.publicationId}>
              {d.title}
            </option>
          ))}
      </select>
    </label>
  );
}

/** What every hearing form asks first: the publication discussed, the title, the place and the time. */
interface HearingBasics {
  publicationId: string;
  title: string;
  place: string;
  startsAt: string;
}
const NO_BASICS: HearingBasics = { publicationId: "", title: "", place: "", startsAt: "" };

/** The body's part of the basics, the time as an ISO instant. */
const basicsBody = (b: HearingBasics) => ({
  publicationId: b.publicationId || null,
  title: b.title,
  place: b.place,
  startsAt: b.startsAt ? new Date(b.startsAt).toISOString() : "",
});

function HearingBasicsFields(props: {
  value: HearingBasics;
  onChange: (v: HearingBasics) => void;
  discussions: Discussion[];
  whenLabel: string;
}) {
  const t = useT(M);
  const { value, onChange } = props;
  return (
    <>
      <PublicationSelect
        value={value.publicationId}
        onChange={(publicationId) => onChange({ ...value, publicationId })}
        items={props.discussions}
      />
      <label>
        {t("hearingTitle")} <input required value={value.title} onChange={(e) => onChange({ ...value, title: e.target.value })} />
      </label>
      <label>
        {t("place")} <input required value={value.place} onChange={(e) => onChange({ ...value, place: e.target.value })} />
      </label>
      <label>
        {t("when")}{" "}
        <DateTimeField
          aria-label={props.whenLabel}
          required
          value={value.startsAt}
          onChange={(startsAt) => onChange({ ...value, startsAt })}
        />
      </label>
    </>
  );
}

function HeldHearingForm({ discussions, onDone }: { discussions: Discussion[]; onDone: () => void }) {
  const t = useT(M);
  const [basics, setBasics] = useState(NO_BASICS);
  const [participants, setParticipants] = useState("");
  const [protocolNumber, setProtocolNumber] = useState("");
  const [protocolDate, setProtocolDate] = useState("");
  const [protocol, setProtocol] = useState("");
  const [recommendations, setRecommendations] = useState("");
  const [error, setError] = useState<string | null>(null);
  const save = useSave(() =>
    api.POST("/api/portal/hearings/held", {
      body: {
        ...basicsBody(basics),
        participants: Number(participants),
        protocolNumber,
        protocolDate,
        protocol,
        recommendations: lines(recommendations),
      },
    }),
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await save.run();
      setBasics(NO_BASICS);
      for (const f of [setParticipants, setProtocolNumber, setProtocolDate]) f("");
      setProtocol("");
      setRecommendations("");
      onDone();
    } catch (x) {
      setError(errorText(x));
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} data-testid="held-hearing-form" aria-labelledby="held-h">
      <h3 id="held-h">{t("recordHeld")}</h3>
      <HearingBasicsFields value={basics} onChange={setBasics} discussions={discussions} whenLabel={t("when")} />
      <label>
        {t("participants")}{" "}
        <input type="number" min={0} step={1} required value={participants} onChange={(e) => setParticipants(e.target.value)} />
      </label>
      <label>
        {t("protocolNumber")} <input required value={protocolNumber} onChange={(e) => setProtocolNumber(e.target.value)} />
      </label>
      <label>
        {t("protocolDate")} <DateField aria-label={t("protocolDate")} required value={protocolDate} onChange={setProtocolDate} />
      </label>
      <label>
        {t("protocolText")} <textarea required rows={4} value={protocol} onChange={(e) => setProtocol(e.target.value)} />
      </label>
      <label>
        {t("recommendations")} <textarea rows={3} value={recommendations} onChange={(e) => setRecommendations(e.target.value)} />
      </label>
      <button type="submit" disabled={save.busy}>
        {t("record")}
      </button>
      <Error_ text={error} />
    </form>
  );
}

function AnnounceForm({ discussions, onDone }: { discussions: Discussion[]; onDone: () => void }) {
  const t = useT(M);
  const [basics, setBasics] = useState(NO_BASICS);
  const [agenda, setAgenda] = useState("");
  const [error, setError] = useState<string | null>(null);
  const save = useSave(() =>
    api.POST("/api/portal/hearings", {
      body: {
        ...basicsBody(basics),
        agenda: lines(agenda),
      },
    }),
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await save.run();
      setBasics(NO_BASICS);
      setAgenda("");
      onDone();
    } catch (x) {
      setError(errorText(x));
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} data-testid="announce-hearing-form" aria-labelledby="announce-h">
      <h3 id="announce-h">{t("announce")}</h3>
      <HearingBasicsFields value={basics} onChange={setBasics} discussions={discussions} whenLabel={`${t("announce")}: ${t("when")}`} />
      <label>
        {t("agenda")} <textarea required rows={3} value={agenda} onChange={(e) => setAgenda(e.target.value)} />
      </label>
      <button type="submit" disabled={save.busy}>
        {t("announce")}
      </button>
      <Error_ text={error} />
    </form>
  );
}

/** The protocol of an announced hearing that has begun. */
function ResultForm({ h, onDone }: { h: Hearing; onDone: () => void }) {
  const t = useT(M);
  const [participants, setParticipants] = useState("");
  const [protocolNumber, setProtocolNumber] = useState("");
  const [protocolDate, setProtocolDate] = useState("");
  const [protocol, setProtocol] = useState("");
  const [recommendations, setRecommendations] = useState("");
  const [error, setError] = useState<string | null>(null);
  const save = useSave(() =>
    api.PUT("/api/portal/hearings/{id}/result", {
      params: { path: { id: h.id } },
      body: {
        version: h.version,
        protocol,
        recommendations: lines(recommendations),
        participants: participants === "" ? null : Number(participants),
        protocolNumber: protocolNumber || null,
        protocolDate: protocolDate || null,
      },
    }),
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await save.run();
      onDone();
    } catch (x) {
      setError(errorText(x));
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} data-testid={`result-${h.id}`}>
      <h3>
        {t("recordResult")}: {h.title}
      </h3>
      <div className="row">
        <label>
          {t("participants")}{" "}
          <input type="number" min={0} step={1} value={participants} onChange={(e) => setParticipants(e.target.value)} />
        </label>
        <label>
          {t("protocolNumber")} <input value={protocolNumber} onChange={(e) => setProtocolNumber(e.target.value)} />
        </label>
        <label>
          {t("protocolDate")} <DateField aria-label={`${h.title}: ${t("protocolDate")}`} value={protocolDate} onChange={setProtocolDate} />
        </label>
      </div>
      <label>
        {t("protocolText")} <textarea required rows={3} value={protocol} onChange={(e) => setProtocol(e.target.value)} />
      </label>
      <label>
        {t("recommendations")} <textarea rows={2} value={recommendations} onChange={(e) => setRecommendations(e.target.value)} />
      </label>
      <button type="submit" disabled={save.busy}>
        {t("recordResult")}
      </button>
      <Error_ text={error} />
    </form>
  );
}

function Hearings({
  items,
  discussions,
  editable,
  onDone,
}: {
  items: Hearing[];
  discussions: Discussion[];
  editable: boolean;
  onDone: () => void;
}) {
  const t = useT(M);
  const titleOf = new Map(discussions.map((d) => [d.publicationId, d.title]));
  const [now] = useState(() => Date.now());
  return (
    <CountedTable
      id="hearings-h"
      title={t("hearings")}
      count={items.length}
      empty={t("noHearings")}
      testId="hearings"
      columns={[t("when"), t("hearingTitle"), t("place"), t("publication"), t("hearingState"), t("participants"), t("protocol")]}
      after={
        editable ? (
          <>
            {items
              .filter((h) => h.state === "announced" && Date.parse(h.startsAt) <= now)
              .map((h) => (
                <ResultForm key={`${h.id}:${h.version}`} h={h} onDone={onDone} />
              ))}
            <HeldHearingForm discussions={discussions} onDone={onDone} />
            <AnnounceForm discussions={discussions} onDone={onDone} />
          </>
        ) : null
      }
    >
      {items.map((h) => (
        <tr key={h.id}>
          <td>{formatDateTime(h.startsAt)}</td>
          <td>{h.title}</td>
          <td>{h.place}</td>
          <td>{h.publicationId ? (titleOf.get(h.publicationId) ?? "") : ""}</td>
          <td>
            {t(h.state)}
            {h.state === "announced" ? `; ${t("speakers", { n: formatNumber(h.speakers.length) })}` : ""}
          </td>
          <td className="num">{formatNumber(h.participants)}</td>
          <td>
            {h.protocolNumber || h.protocolDate
              ? t("protocolOf", { number: h.protocolNumber ?? "—", date: formatDate(h.protocolDate) })
              : h.protocol
                ? t("held")
                : t("noProtocol")}
          </td>
        </tr>
      ))}
    </CountedTable>
  );
}

export function PortalDiscussionsPage() {
  const t = useT(M);
  const { me, can } = useSession();
  const editable = me?.municipalityId ? can("create", { area: "portal", municipalityId: me.municipalityId, part: "publication" }) : false;
  const discussions = useLoad(() => api.GET("/api/portal/discussions"), []);
  const hearings = useLoad(() => api.GET("/api/portal/hearings"), []);
  const error = discussions.error ?? hearings.error;
  if (error)
    return (
      <p role="alert" className="banner error">
        {error.message}
      </p>
    );
  if (!discussions.data || !hearings.data) return <Loading />;
  const reload = () => {
    discussions.reload();
    hearings.reload();
  };
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <p className="row">
        {discussions.data.portal ? <a href={discussions.data.portal}>{t("portal")}</a> : null}
        <Link to="/portal">{t("moderation")}</Link>
      </p>
      <Discussions items={discussions.data.items} editable={editable} onDone={reload} />
      <Hearings items={hearings.data.items} discussions={discussions.data.items} editable={editable} onDone={reload} />
    </div>
  );
}
