/**
 * The public portal's pages (issue 14, part 9): React components rendered to HTML on the server
 * (react-dom/server), so that a page's text is in the HTML a crawler or `curl` gets and a weak
 * phone reads it without running a script. The pages need no JavaScript: they are documents and
 * links; the residents' actions are the JSON API under /api/p/<municipality>/. The components take
 * plain view models (below) made by the server from the published data only.
 */
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ProposalExtras, type ProposalExtrasItem } from "./pages/ProposalExtras.tsx";
import { ProposalForm, type ProposalFormState } from "./pages/ProposalForm.tsx";
import { FollowForm } from "./pages/FollowForm.tsx";
import { PROPOSAL_DECISION_LABELS, type PortalDocument, type PortalSection, type ProposalDecision } from "@orientir/domain";

export interface PortalLink {
  slug: string;
  name: string;
}

export interface PublicationSummary {
  id: string;
  kind: "discussion" | "approved";
  title: string;
  summary: string | null;
  startsOn: string | null;
  endsOn: string | null;
  discussion: "upcoming" | "open" | "closed" | null;
  publishedAt: string;
}

export interface ProposalItem extends ProposalExtrasItem {
  id: string;
  kind: "proposal" | "remark";
  anchorLabel: string;
  text: string;
  authorName: string;
  moderation: "pending" | "published" | "rejected";
  decision: ProposalDecision | null;
  answer: string | null;
  /** the change in the draft that takes up an accepted proposal (entries of the amendment's diff) */
  change?: ProposalChangeItem | null;
  supports: number;
  createdAt: string;
}

export interface ProposalChangeItem {
  from: { label: string };
  to: { label: string };
  changes: {
    path: string;
    kind: "added" | "removed" | "changed";
    label: string;
    field?: string | undefined;
    before?: string | null | undefined;
    after?: string | null | undefined;
  }[];
}

/** The published protocol of a finished discussion. */
export interface ProtocolItem {
  number: string;
  date: string;
  counts: { accepted: number; partly: number; rejected: number; outOfScope: number; total: number };
  files: { docx: string; pdf: string };
}

/** A public hearing as the portal shows it. */
export interface HearingItem {
  id: string;
  title: string;
  place: string;
  startsAt: string;
  agenda: string[];
  state: "announced" | "held";
  speakers: { name: string; topic: string }[];
  protocol: string | null;
  recommendations: string[] | null;
  participants?: number | null;
  protocolNumber?: string | null;
  protocolDate?: string | null;
}

/** A notice to the signed-in resident. */
export interface NoticeItem {
  id: string;
  subject: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface VoteSummary {
  id: string;
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string;
  state: "upcoming" | "open" | "closed";
  maxChoices: number;
  options: { id: string; title: string; description: string | null }[];
}

export interface VoteResultView {
  ballots: number;
  registeredResidents: number;
  eligibleVoters: number | null;
  turnoutPercent: string;
  options: { id: string; title: string; votes: number; winner: boolean }[];
}

/** The signed-in resident as a page shows them: a name and the token its forms carry. */
export interface ResidentView {
  name: string;
  csrf: string;
}

export interface DatasetLink {
  id: string;
  title: string;
}

export const fmtDate = (d: string | null): string => {
  if (!d) return "";
  const [y, m, day] = d.slice(0, 10).split("-");
  return `${day}.${m}.${y}`;
};
const fmtNumber = (s: string | null): string =>
  s === null ? "—" : new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 6 }).format(Number(s));

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#fff}
header,main,footer{max-width:960px;margin:0 auto;padding:12px 16px}header{border-bottom:1px solid #d0d7de}
header a{color:inherit;text-decoration:none;font-weight:600}nav a{margin-right:16px;display:inline-block;padding:4px 0}
a{color:#0b5cad}h1{font-size:1.5rem;line-height:1.3;margin:.6em 0}h2{font-size:1.25rem;margin:1.2em 0 .4em}h3{font-size:1.05rem;margin:.8em 0 .2em}
.badge{display:inline-block;padding:0 8px;border-radius:10px;background:#eef2f6;font-size:.85rem;margin-right:6px}
.open{background:#dff5e3}.closed{background:#f1e4e4}ul.sections{padding-left:1.1em}ul.sections li{margin:.3em 0}
.code{color:#57606a;margin-right:4px}.table-wrap{overflow-x:auto}table{border-collapse:collapse;min-width:100%}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}td.num{text-align:right;white-space:nowrap}
.card{border:1px solid #d0d7de;border-radius:8px;padding:10px 12px;margin:10px 0}.muted{color:#57606a;font-size:.9rem}
.answer{border-left:3px solid #0b5cad;padding-left:10px;margin-top:8px}.winner{font-weight:700}
.bar{background:#0b5cad;height:8px;border-radius:4px}form.inline{display:inline}
label{display:block;margin:.5em 0}input[type=email],input[type=text],select,textarea{width:100%;max-width:40rem;font:inherit;padding:6px}
button{font:inherit;padding:6px 14px;margin-top:6px}.error{color:#a40e26}footer{border-top:1px solid #d0d7de;margin-top:24px}
`;

export function Layout(props: { portal: PortalLink; title: string; children: ReactNode; resident: ResidentView | null }) {
  const base = `/p/${props.portal.slug}`;
  return (
    <html lang="ru">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — ${props.portal.name}`}</title>
        <style>{CSS}</style>
      </head>
      <body>
        <header>
          <a href={base}>{props.portal.name}: общественное обсуждение</a>
          <nav aria-label="Разделы портала">
            <a href={base}>Документы</a>
            <a href={`${base}/votes`}>Голосования</a>
            <a href={`${base}/hearings`}>Слушания</a>
            <a href={`${base}/council`}>Общественный совет</a>
            <a href={`${base}/qa`}>Вопросы и ответы</a>
            <a href={`${base}/surveys`}>Опросы</a>
            <a href={`${base}/data`}>Открытые данные</a>
            <a href={`${base}/appeals`}>Обращения</a>
            {props.resident ? <a href={`${base}/notifications`}>Уведомления</a> : null}
            {props.resident ? <a href={`${base}/profile`}>Профиль</a> : null}
            {props.resident ? (
              <form method="post" action={`${base}/sign-out`} className="inline">
                <span className="muted">{props.resident.name} </span>
                <input type="hidden" name="csrf" value={props.resident.csrf} />
                <button type="submit">Выйти</button>
              </form>
            ) : (
              <a href={`${base}/sign-in`}>Войти</a>
            )}
          </nav>
        </header>
        <main>{props.children}</main>
        <footer className="muted">
          Портал «Ориентир». Открытые данные: <a href={`${base}/data.json`}>перечень наборов (JSON)</a>.
        </footer>
      </body>
    </html>
  );
}

export function page(node: ReactNode): string {
  return "<!doctype html>" + renderToStaticMarkup(node);
}

const STATE_LABEL = { upcoming: "обсуждение еще не началось", open: "идет обсуждение", closed: "обсуждение завершено" } as const;

function PublicationBadge({ p }: { p: PublicationSummary }) {
  if (p.kind === "approved") return <span className="badge">утвержденный документ</span>;
  return (
    <span className={`badge ${p.discussion === "open" ? "open" : p.discussion === "closed" ? "closed" : ""}`}>
      {STATE_LABEL[p.discussion ?? "upcoming"]}: {fmtDate(p.startsOn)} — {fmtDate(p.endsOn)}
    </span>
  );
}

export function renderIndex(v: { portal: PortalLink; publications: PublicationSummary[]; resident: ResidentView | null }): string {
  const discussions = v.publications.filter((p) => p.kind === "discussion");
  const approved = v.publications.filter((p) => p.kind === "approved");
  const list = (items: PublicationSummary[]) =>
    items.length === 0 ? (
      <p className="muted">Пока ничего не опубликовано.</p>
    ) : (
      items.map((p) => (
        <div className="card" key={p.id}>
          <h3>
            <a href={`/p/${v.portal.slug}/publications/${p.id}`}>{p.title}</a>
          </h3>
          <PublicationBadge p={p} />
          {p.summary ? <p>{p.summary}</p> : null}
        </div>
      ))
    );
  return page(
    <Layout portal={v.portal} title="Документы" resident={v.resident}>
      <h1>Документы стратегического планирования</h1>
      <h2>Проекты на обсуждении</h2>
      {list(discussions)}
      <h2>Утвержденные документы и их исполнение</h2>
      {list(approved)}
    </Layout>,
  );
}

function Sections({ list }: { list: PortalSection[] }) {
  if (list.length === 0) return null;
  return (
    <ul className="sections">
      {list.map((s) => (
        <li key={s.anchor} id={s.anchor}>
          <span className="muted">{s.label}</span> {s.code ? <span className="code">{s.code}</span> : null}
          <strong>{s.title}</strong>
          {s.text ? <div>{s.text}</div> : null}
          <Sections list={s.children} />
        </li>
      ))}
    </ul>
  );
}

export function renderPublication(v: {
  portal: PortalLink;
  publication: PublicationSummary;
  doc: PortalDocument;
  files: { id: string; title: string; filename: string }[];
  proposals: ProposalItem[];
  protocol?: ProtocolItem | null;
  datasets: DatasetLink[];
  resident: ResidentView | null;
  /** The places of the document a proposal may point at: [anchor, label]. */
  anchors: [string, string][];
  /** The proposal form shown again after a refusal: what was typed and why. */
  proposalForm?: ProposalFormState | null;
}): string {
  const base = `/p/${v.portal.slug}`;
  const p = v.publication;
  const years = [...new Set(v.doc.indicators.flatMap((i) => i.values.map((x) => x.year)))].sort();
  const withFacts = p.kind === "approved";
  return page(
    <Layout portal={v.portal} title={p.title} resident={v.resident}>
      <h1>{p.title}</h1>
      <PublicationBadge p={p} />
      {v.doc.startYear ? (
        <span className="badge">
          {v.doc.startYear}–{v.doc.endYear}
        </span>
      ) : null}
      {p.summary ? <p>{p.summary}</p> : null}
      {v.resident ? (
        <FollowForm
          base={base}
          csrf={v.resident.csrf}
          objectType="publication"
          objectId={p.id}
          label="Следить за документом"
          hint="Уведомления о новой редакции, ответах и оценке эффективности — на портале и по e-mail."
        />
      ) : null}
      {v.files.length ? (
        <>
          <h2>Документы</h2>
          <ul>
            {v.files.map((f) => (
              <li key={f.id}>
                <a href={`${base}/publications/${p.id}/files/${f.id}`}>{f.title}</a> <span className="muted">({f.filename})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {v.doc.evaluation.length ? (
        <>
          <h2>Оценка эффективности</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Таблица, прокручивается по горизонтали">
            <table>
              <thead>
                <tr>
                  <th>Год</th>
                  <th>Балл</th>
                  <th>Оценка</th>
                </tr>
              </thead>
              <tbody>
                {v.doc.evaluation.map((e) => (
                  <tr key={e.year}>
                    <td>{e.year}</td>
                    <td className="num">{e.score ?? "—"}</td>
                    <td>{e.ratingLabel}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <h2>Содержание</h2>
      <Sections list={v.doc.sections} />
      {v.doc.indicators.length ? (
        <>
          <h2>Показатели{withFacts ? ": план и факт" : ": плановые значения"}</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Таблица, прокручивается по горизонтали">
            <table>
              <thead>
                <tr>
                  <th scope="col">Показатель</th>
                  <th scope="col">Ед.</th>
                  {years.map((y) => (
                    <th scope="col" key={y}>
                      {y}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {v.doc.indicators.map((i) => (
                  <tr key={i.anchor} id={i.anchor}>
                    <td>
                      {i.code ? <span className="code">{i.code}</span> : null}
                      {i.name}
                    </td>
                    <td>{i.unit}</td>
                    {years.map((y) => {
                      const x = i.values.find((w) => w.year === y);
                      return (
                        <td className="num" key={y}>
                          {x ? fmtNumber(x.plan) : ""}
                          {withFacts && x ? ` / ${fmtNumber(x.fact)}` : ""}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {withFacts ? <p className="muted">В ячейке: план / факт.</p> : null}
        </>
      ) : null}
      {p.kind === "discussion" ? (
        <>
          {v.protocol ? (
            <section aria-labelledby="protocol">
              <h2 id="protocol">
                Протокол общественного обсуждения № {v.protocol.number} от {fmtDate(v.protocol.date)}
              </h2>
              <p>
                Рассмотрено предложений и замечаний: {v.protocol.counts.total}; учтено: {v.protocol.counts.accepted}, учтено частично:{" "}
                {v.protocol.counts.partly}, отклонено: {v.protocol.counts.rejected}, вне предмета документа: {v.protocol.counts.outOfScope}.
              </p>
              <p>
                <a href={v.protocol.files.docx}>Протокол (DOCX)</a> · <a href={v.protocol.files.pdf}>Протокол (PDF)</a>
              </p>
            </section>
          ) : null}
          <h2>Предложения и замечания ({v.proposals.length})</h2>
          {p.discussion === "open" ? (
            <ProposalForm portal={v.portal} publicationId={p.id} anchors={v.anchors} resident={v.resident} state={v.proposalForm} />
          ) : null}
          {v.proposals.map((x) => (
            <div className="card" key={x.id} id={`proposal-${x.id}`}>
              <div className="muted">
                {x.kind === "proposal" ? "Предложение" : "Замечание"} · {x.anchorLabel} · {x.authorName} · {fmtDate(x.createdAt)}
                {x.moderation === "pending" ? " · на модерации (видно только вам)" : ""} · поддержали: {x.supports}
              </div>
              <p>{x.text}</p>
              <ProposalExtras x={x} base={base} resident={v.resident} />
              {x.decision ? (
                <div className="answer">
                  <strong>{PROPOSAL_DECISION_LABELS[x.decision]}.</strong> {x.answer}
                  {x.change ? <ChangeList change={x.change} /> : null}
                </div>
              ) : (
                <>
                  <div className="muted">Ответ готовится.</div>
                  {v.resident && x.moderation === "published" ? (
                    <FollowForm
                      base={base}
                      csrf={v.resident.csrf}
                      objectType="proposal"
                      objectId={x.id}
                      label="Следить за предложением"
                      hint="Уведомление об ответе — на портале и по e-mail."
                    />
                  ) : null}
                </>
              )}
            </div>
          ))}
        </>
      ) : null}
      <h2>Открытые данные</h2>
      <ul>
        {v.datasets.map((d) => (
          <li key={d.id}>
            {d.title}: <a href={`${base}/data/${d.id}.csv`}>CSV</a>, <a href={`${base}/data/${d.id}.json`}>JSON</a>
          </li>
        ))}
      </ul>
    </Layout>,
  );
}

export function renderVotes(v: { portal: PortalLink; votes: VoteSummary[]; resident: ResidentView | null }): string {
  const label = { upcoming: "скоро", open: "идет голосование", closed: "завершено" } as const;
  return page(
    <Layout portal={v.portal} title="Голосования" resident={v.resident}>
      <h1>Рейтинговые голосования</h1>
      {v.votes.length === 0 ? <p className="muted">Голосований нет.</p> : null}
      {v.votes.map((x) => (
        <div className="card" key={x.id}>
          <h3>
            <a href={`/p/${v.portal.slug}/votes/${x.id}`}>{x.title}</a>
          </h3>
          <span className={`badge ${x.state === "open" ? "open" : x.state === "closed" ? "closed" : ""}`}>{label[x.state]}</span>
          <span className="muted">
            {fmtDate(x.startsAt)} — {fmtDate(x.endsAt)}
          </span>
        </div>
      ))}
    </Layout>,
  );
}

export function renderVote(v: {
  portal: PortalLink;
  vote: VoteSummary;
  results: VoteResultView | null;
  resident: ResidentView | null;
  voted: boolean;
}): string {
  const base = `/p/${v.portal.slug}`;
  const max = Math.max(1, ...(v.results?.options.map((o) => o.votes) ?? [1]));
  return page(
    <Layout portal={v.portal} title={v.vote.title} resident={v.resident}>
      <h1>{v.vote.title}</h1>
      <p className="muted">
        {fmtDate(v.vote.startsAt)} — {fmtDate(v.vote.endsAt)}; можно выбрать до {v.vote.maxChoices}
      </p>
      {v.vote.description ? <p>{v.vote.description}</p> : null}
      {v.results ? (
        <>
          <h2>Итоги</h2>
          <p>
            Бюллетеней: {fmtNumber(String(v.results.ballots))}; явка: {fmtNumber(v.results.turnoutPercent)} %{" "}
            {v.results.eligibleVoters
              ? `от ${fmtNumber(String(v.results.eligibleVoters))} имеющих право голоса`
              : `от ${fmtNumber(String(v.results.registeredResidents))} зарегистрированных жителей`}
            .
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Таблица, прокручивается по горизонтали">
            <table>
              <thead>
                <tr>
                  <th>Вариант</th>
                  <th>Голосов</th>
                  <th aria-hidden="true"></th>
                </tr>
              </thead>
              <tbody>
                {v.results.options.map((o) => (
                  <tr key={o.id} className={o.winner ? "winner" : ""}>
                    <td>
                      {o.title}
                      {o.winner ? " — победитель" : ""}
                    </td>
                    <td className="num">{fmtNumber(String(o.votes))}</td>
                    <td style={{ minWidth: 80 }}>
                      <div className="bar" style={{ width: `${Math.round((o.votes * 100) / max)}%` }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            Пересчитать самостоятельно: <a href={`${base}/data/vote-${v.vote.id}-ballots.csv`}>обезличенные бюллетени (CSV)</a>,{" "}
            <a href={`${base}/data/vote-${v.vote.id}-ballots.json`}>JSON</a>.
          </p>
        </>
      ) : (
        <>
          <h2>Варианты</h2>
          <ol>
            {v.vote.options.map((o) => (
              <li key={o.id}>
                <strong>{o.title}</strong>
                {o.description ? <div>{o.description}</div> : null}
              </li>
            ))}
          </ol>
          {v.vote.state === "open" && v.resident && !v.voted ? (
            <form method="post" action={`${base}/votes/${v.vote.id}/ballot`}>
              <input type="hidden" name="csrf" value={v.resident.csrf} />
              <fieldset>
                <legend>Ваш выбор (не больше {v.vote.maxChoices})</legend>
                {v.vote.options.map((o) => (
                  <label key={o.id}>
                    <input type="checkbox" name="choices" value={o.id} /> {o.title}
                  </label>
                ))}
              </fieldset>
              <button type="submit">Проголосовать</button>
            </form>
          ) : null}
          {v.voted ? <p>Ваш бюллетень принят.</p> : null}
          {v.resident ? (
            <FollowForm
              base={base}
              csrf={v.resident.csrf}
              objectType="vote"
              objectId={v.vote.id}
              label="Следить за голосованием"
              hint="Итоги придут на портал и по e-mail, когда голосование закончится."
            />
          ) : null}
          {v.vote.state === "open" && !v.resident ? (
            <p>
              <a href={`${base}/sign-in`}>Войдите</a>, чтобы проголосовать.
            </p>
          ) : null}
          <p className="muted">Итоги скрыты до окончания голосования — от всех, включая администраторов.</p>
        </>
      )}
    </Layout>,
  );
}

export function renderDatasets(v: { portal: PortalLink; datasets: DatasetLink[]; resident: ResidentView | null }): string {
  const base = `/p/${v.portal.slug}`;
  return page(
    <Layout portal={v.portal} title="Открытые данные" resident={v.resident}>
      <h1>Открытые данные</h1>
      <p>
        Машиночитаемый перечень наборов: <a href={`${base}/data.json`}>data.json</a>.
      </p>
      <ul>
        {v.datasets.map((d) => (
          <li key={d.id}>
            {d.title}: <a href={`${base}/data/${d.id}.csv`}>CSV</a>, <a href={`${base}/data/${d.id}.json`}>JSON</a>
          </li>
        ))}
      </ul>
    </Layout>,
  );
}

export function renderNotFound(portal: PortalLink | null): string {
  return page(
    <html lang="ru">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Не найдено</title>
        <style>{CSS}</style>
      </head>
      <body>
        <main>
          <h1>Страница не найдена</h1>
          <p>Документ не опубликован или снят с публикации.</p>
          {portal ? <a href={`/p/${portal.slug}`}>На главную портала</a> : null}
        </main>
      </body>
    </html>,
  );
}

// sign-in (by a code, or by the identity provider) and one-click unsubscribe: pages of their own
export { renderSignIn, type OidcButton } from "./pages/SignIn.tsx";
export { renderUnsubscribe } from "./pages/Unsubscribe.tsx";

const CHANGE_KIND = { added: "добавлено", removed: "исключено", changed: "изменено" } as const;

/** How the draft takes up the proposal: the chosen entries of the amendment's diff. */
function ChangeList({ change }: { change: ProposalChangeItem }) {
  return (
    <div className="change">
      <p className="muted">
        Как учтено в проекте (сравнение: {change.from.label} → {change.to.label}):
      </p>
      <ul>
        {change.changes.map((c) => (
          <li key={`${c.path}|${c.kind}`}>
            {c.label}
            {c.field ? ` · ${c.field}` : ""} — {CHANGE_KIND[c.kind]}
            {c.kind === "changed" && (c.before !== undefined || c.after !== undefined)
              ? `: «${c.before ?? "—"}» → «${c.after ?? "—"}»`
              : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}

const fmtDateTime = (d: string): string =>
  new Intl.DateTimeFormat("ru-RU", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Moscow" }).format(new Date(d));

/** Public hearings: the announcement (place, time, agenda), the speakers, the protocol and recommendations. */
export function renderHearings(v: { portal: PortalLink; hearings: HearingItem[]; resident: ResidentView | null }): string {
  return page(
    <Layout portal={v.portal} title="Публичные слушания" resident={v.resident}>
      <h1>Публичные слушания</h1>
      {v.hearings.length === 0 ? <p className="muted">Слушания не назначены.</p> : null}
      {v.hearings.map((h) => (
        <section className="card" key={h.id} id={`hearing-${h.id}`} aria-labelledby={`hearing-title-${h.id}`}>
          <h2 id={`hearing-title-${h.id}`}>{h.title}</h2>
          <p>
            <strong>Время:</strong> {fmtDateTime(h.startsAt)} (МСК). <strong>Место:</strong> {h.place}.
          </p>
          {h.agenda.length ? (
            <>
              <h3>Повестка</h3>
              <ol>
                {h.agenda.map((a, i) => (
                  <li key={i}>{a}</li>
                ))}
              </ol>
            </>
          ) : null}
          <h3>Выступающие ({h.speakers.length})</h3>
          {h.speakers.length ? (
            <ul>
              {h.speakers.map((s, i) => (
                <li key={i}>
                  {s.name}: {s.topic}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Пока никто не записался.</p>
          )}
          {h.state === "announced" ? (
            v.resident ? (
              <form method="post" action={`/p/${v.portal.slug}/hearings/${h.id}/speakers`}>
                <input type="hidden" name="csrf" value={v.resident.csrf} />
                <label>
                  Тема выступления <textarea name="topic" rows={2} maxLength={2000} required />
                </label>
                <button type="submit">Записаться выступающим</button> <span className="muted">В списке будут ваши инициалы и тема.</span>
              </form>
            ) : (
              <p className="muted">
                <a href={`/p/${v.portal.slug}/sign-in`}>Войдите</a>, чтобы записаться выступающим.
              </p>
            )
          ) : (
            <>
              <h3>
                Протокол{h.protocolNumber ? ` № ${h.protocolNumber}` : ""}
                {h.protocolDate ? ` от ${fmtDate(h.protocolDate)}` : ""}
              </h3>
              {h.participants != null ? <p>Участников: {h.participants.toLocaleString("ru-RU")}.</p> : null}
              <p style={{ whiteSpace: "pre-wrap" }}>{h.protocol}</p>
              <h3>Рекомендации</h3>
              <ol>
                {(h.recommendations ?? []).map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ol>
            </>
          )}
        </section>
      ))}
    </Layout>,
  );
}

/** The signed-in resident's notices (moderation, answers). */
export function renderNotifications(v: { portal: PortalLink; items: NoticeItem[]; resident: ResidentView }): string {
  return page(
    <Layout portal={v.portal} title="Уведомления" resident={v.resident}>
      <h1>Уведомления</h1>
      {v.items.length === 0 ? <p className="muted">Уведомлений нет.</p> : null}
      {v.items.map((n) => (
        <div className="card" key={n.id}>
          <div className="muted">
            {fmtDate(n.createdAt)}
            {n.readAt ? "" : " · новое"}
          </div>
          <h2>{n.subject}</h2>
          <p>{n.body}</p>
          {n.link ? <a href={n.link}>Открыть</a> : null}
        </div>
      ))}
    </Layout>,
  );
}

/** A short answer to a form: what happened, or why not, with a way back. */
export function renderMessage(v: {
  portal: PortalLink;
  title: string;
  text: string;
  back: string;
  resident: ResidentView | null;
  error: boolean;
}): string {
  return page(
    <Layout portal={v.portal} title={v.title} resident={v.resident}>
      <h1>{v.title}</h1>
      <p className={v.error ? "error" : ""} role={v.error ? "alert" : undefined}>
        {v.text}
      </p>
      <p>
        <a href={v.back}>Вернуться</a>
      </p>
    </Layout>,
  );
}

export * from "./pages/Appeal.tsx";
export * from "./pages/Profile.tsx";
export * from "./pages/Qa.tsx";
export * from "./pages/Surveys.tsx";
