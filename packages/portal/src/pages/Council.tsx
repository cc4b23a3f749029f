/**
 * The public council of strategic planning on the portal (issue 14, part 7): the council, its
 * members with the organisations they represent, and its published meetings — date, place, the
 * agenda with each item's decision and the documents it discussed (linked to their portal pages
 * when published). Rendered on the server like every portal page.
 */
import { Layout, fmtDate, page, type PortalLink, type ResidentView } from "../index.tsx";

export interface CouncilPageData {
  council: { name: string; description: string | null; basis: string | null } | null;
  members: { id: string; fullName: string; position: string | null; organisation: string | null; roleLabel: string }[];
  meetings: CouncilMeetingItem[];
}

export interface CouncilMeetingItem {
  id: string;
  number: string | null;
  heldOn: string;
  place: string;
  items: {
    position: number;
    title: string;
    speaker: string | null;
    decision: string | null;
    documents: { kind: string; label: string; portalUrl: string | null }[];
  }[];
}

const DOC_KIND: Record<string, string> = {
  program: "программа",
  strategy: "стратегия",
  actionPlan: "план мероприятий",
  publication: "публикация",
};

const meetingTitle = (m: CouncilMeetingItem) => `Заседание${m.number ? ` № ${m.number}` : ""} от ${fmtDate(m.heldOn)}`;

function Agenda({ m }: { m: CouncilMeetingItem }) {
  if (!m.items.length) return <p className="muted">Повестка не опубликована.</p>;
  return (
    <ol>
      {m.items.map((i) => (
        <li key={i.position}>
          <strong>{i.title}</strong>
          {i.speaker ? <div className="muted">Докладчик: {i.speaker}</div> : null}
          {i.documents.length ? (
            <div>
              Рассмотренные документы:{" "}
              {i.documents.map((d, k) => (
                <span key={k}>
                  {k ? "; " : ""}
                  {d.portalUrl ? <a href={d.portalUrl}>{d.label}</a> : d.label}{" "}
                  <span className="muted">({DOC_KIND[d.kind] ?? d.kind})</span>
                </span>
              ))}
            </div>
          ) : null}
          <div className="answer">{i.decision ? <>Решение: {i.decision}</> : <span className="muted">Решение не принято.</span>}</div>
        </li>
      ))}
    </ol>
  );
}

export function renderCouncil(v: { portal: PortalLink; data: CouncilPageData; resident: ResidentView | null }): string {
  const base = `/p/${v.portal.slug}`;
  const c = v.data.council;
  return page(
    <Layout portal={v.portal} title="Общественный совет" resident={v.resident}>
      <h1>{c ? c.name : "Общественный совет по стратегическому планированию"}</h1>
      {!c ? <p className="muted">Сведения о совете еще не опубликованы.</p> : null}
      {c?.description ? <p>{c.description}</p> : null}
      {c?.basis ? <p className="muted">Создан: {c.basis}</p> : null}
      {c ? (
        <>
          <h2>Состав совета ({v.data.members.length})</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Член совета</th>
                  <th scope="col">Роль в совете</th>
                  <th scope="col">Организация, должность</th>
                </tr>
              </thead>
              <tbody>
                {v.data.members.map((m) => (
                  <tr key={m.id}>
                    <td>{m.fullName}</td>
                    <td>{m.roleLabel}</td>
                    <td>{[m.organisation, m.position].filter(Boolean).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Заседания и решения</h2>
          {v.data.meetings.length === 0 ? <p className="muted">Заседания еще не опубликованы.</p> : null}
          {v.data.meetings.map((m) => (
            <div className="card" key={m.id} id={`meeting-${m.id}`}>
              <h3>
                <a href={`${base}/council/meetings/${m.id}`}>{meetingTitle(m)}</a>
              </h3>
              <div className="muted">Место: {m.place}</div>
              <Agenda m={m} />
            </div>
          ))}
          <p className="muted">
            Открытые данные: <a href={`/api/p/${v.portal.slug}/council`}>состав, заседания и решения (JSON)</a>.
          </p>
        </>
      ) : null}
    </Layout>,
  );
}

export function renderCouncilMeeting(v: {
  portal: PortalLink;
  council: { name: string } | null;
  meeting: CouncilMeetingItem;
  resident: ResidentView | null;
}): string {
  const m = v.meeting;
  return page(
    <Layout portal={v.portal} title={meetingTitle(m)} resident={v.resident}>
      <p>
        <a href={`/p/${v.portal.slug}/council`}>{v.council?.name ?? "Общественный совет"}</a>
      </p>
      <h1>{meetingTitle(m)}</h1>
      <p>Место проведения: {m.place}</p>
      <h2>Повестка и решения</h2>
      <Agenda m={m} />
    </Layout>,
  );
}
