/**
 * What the publication's page shows under a proposal (issue 14, part 3): the organisation it was
 * made on behalf of, its files, its comments, and — for a signed-in resident — a comment form and
 * abuse-report forms (plain HTML forms, no script). A proposal or comment hidden by a moderator
 * after a report shows the reason instead of its text.
 */
export interface ProposalFileItem {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface CommentItem {
  id: string;
  authorName: string;
  text: string;
  moderation: "pending" | "published" | "rejected";
  hiddenReason: string | null;
  createdAt: string;
}

export interface ProposalExtrasItem {
  id: string;
  moderation: "pending" | "published" | "rejected";
  organisation?: { name: string; inn: string | null; ogrn: string | null; role: string } | null | undefined;
  files?: ProposalFileItem[] | undefined;
  comments?: CommentItem[] | undefined;
  hiddenReason?: string | null | undefined;
}

const fmtDate = (d: string) => {
  const [y, m, day] = d.slice(0, 10).split("-");
  return `${day}.${m}.${y}`;
};
const fmtSize = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1).replace(".", ",")} МБ` : `${Math.max(1, Math.round(n / 1024))} КБ`;

function ReportForm(props: { base: string; csrf: string; type: "proposal" | "comment"; id: string }) {
  return (
    <details>
      <summary>Пожаловаться</summary>
      <form method="post" action={`${props.base}/reports`}>
        <input type="hidden" name="csrf" value={props.csrf} />
        <input type="hidden" name="targetType" value={props.type} />
        <input type="hidden" name="targetId" value={props.id} />
        <label>
          Причина жалобы
          <textarea name="reason" required maxLength={2000} rows={2} />
        </label>
        <button type="submit">Отправить жалобу</button>
        <span className="muted">
          {" "}
          Автор не узнает, кто пожаловался; скрыть содержание может только модератор, о его решении вам сообщат.
        </span>
      </form>
    </details>
  );
}

export function ProposalExtras(props: { x: ProposalExtrasItem; base: string; resident: { csrf: string } | null }) {
  const { x, base, resident } = props;
  if (x.hiddenReason) return <p className="muted">Скрыто модератором после рассмотрения жалобы. Причина: {x.hiddenReason}</p>;
  const files = x.files ?? [];
  const comments = x.comments ?? [];
  const open = x.moderation === "published";
  return (
    <>
      {x.organisation ? (
        <p className="muted">
          От имени организации «{x.organisation.name}»{x.organisation.inn ? `, ИНН ${x.organisation.inn}` : ""}
          {x.organisation.ogrn ? `, ОГРН ${x.organisation.ogrn}` : ""}; {x.organisation.role}
        </p>
      ) : null}
      {files.length ? (
        <ul aria-label="Файлы предложения">
          {files.map((f) => (
            <li key={f.id}>
              <a href={`${base}/proposals/${x.id}/files/${f.id}`}>{f.filename}</a> <span className="muted">({fmtSize(f.size)})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {comments.length ? (
        <section aria-label="Комментарии">
          <h3>Комментарии ({comments.length})</h3>
          {comments.map((c) => (
            <div key={c.id} id={`comment-${c.id}`} className="comment">
              <div className="muted">
                {c.authorName} · {fmtDate(c.createdAt)}
                {c.moderation === "pending" ? " · на модерации (видно только вам)" : ""}
              </div>
              {c.hiddenReason ? <p className="muted">Комментарий скрыт модератором. Причина: {c.hiddenReason}</p> : <p>{c.text}</p>}
              {resident && !c.hiddenReason && c.moderation === "published" ? (
                <ReportForm base={base} csrf={resident.csrf} type="comment" id={c.id} />
              ) : null}
            </div>
          ))}
        </section>
      ) : null}
      {resident && open ? (
        <>
          <details>
            <summary>Комментировать</summary>
            <form method="post" action={`${base}/proposals/${x.id}/comments`}>
              <input type="hidden" name="csrf" value={resident.csrf} />
              <label>
                Комментарий
                <textarea name="text" required maxLength={5000} rows={3} />
              </label>
              <button type="submit">Отправить</button>
            </form>
          </details>
          <ReportForm base={base} csrf={resident.csrf} type="proposal" id={x.id} />
        </>
      ) : null}
    </>
  );
}

/**
 * The form of a proposal or remark on a draft under discussion, to a place of the document,
 * optionally on behalf of an organisation (its name is then shown and put in the protocol), is in
 * ./ProposalForm.tsx; its files are sent as multipart/form-data, the API's as base64 in JSON.
 */
