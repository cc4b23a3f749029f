/**
 * /portal/council: the public council of strategic planning (issue 14, part 7) as staff keep it —
 * the council's name and basis, its members with the organisations they represent, its meetings
 * (date, place, published on the portal or not) with their agendas: items in order, the speaker,
 * the decision and the documents each discussed. Every member reads; the economy department and
 * the administrator change it (the server checks; the page shows the forms to those who may).
 */
import { useState, type FormEvent } from "react";
import { COUNCIL_DOCUMENT_KIND_LABELS, COUNCIL_ROLES, COUNCIL_ROLE_LABELS, type CouncilRole } from "@orientir/domain";
import { api, ApiError, type Schema } from "../../lib/api.ts";
import { useConfirm } from "../../lib/confirm.tsx";
import { formatDate } from "../../lib/format.ts";
import { messages, useT } from "../../lib/i18n.tsx";
import { useSave } from "../../lib/query.ts";
import { useSession } from "../../lib/session.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { Loading } from "../../components/Loading.tsx";
import { DateField } from "../../components/DateField.tsx";
import "../strategy/pages.css";

const M = messages({
  title: ["Общественный совет по стратегическому планированию", "Public council of strategic planning"],
  name: ["Наименование совета", "Name of the council"],
  description: ["Описание", "Description"],
  basis: ["Основание создания (правовой акт)", "Basis (the act that set it up)"],
  save: ["Сохранить", "Save"],
  create: ["Создать совет", "Create the council"],
  members: ["Состав совета", "Members"],
  fullName: ["ФИО", "Full name"],
  organisation: ["Организация", "Organisation"],
  position: ["Должность", "Position"],
  role: ["Роль в совете", "Role in the council"],
  since: ["С", "Since"],
  until: ["По", "Until"],
  add: ["Добавить", "Add"],
  edit: ["Изменить", "Edit"],
  cancel: ["Отмена", "Cancel"],
  remove: ["Исключить", "Remove"],
  confirmRemove: ["Исключить {name} из состава совета?", "Remove {name} from the council?"],
  meetings: ["Заседания", "Meetings"],
  number: ["Номер", "Number"],
  heldOn: ["Дата", "Date"],
  place: ["Место", "Place"],
  published: ["Опубликовано на портале", "Published on the portal"],
  notPublished: ["не опубликовано", "not published"],
  addMeeting: ["Добавить заседание", "Add a meeting"],
  deleteMeeting: ["Удалить заседание", "Delete the meeting"],
  confirmDelete: [
    "Удалить заседание от {date} вместе с повесткой и решениями?",
    "Delete the meeting of {date} with its agenda and decisions?",
  ],
  confirmPublish: [
    "Опубликовать заседание на портале? Повестка и решения станут видны всем.",
    "Publish the meeting? Its agenda and decisions become public.",
  ],
  agenda: ["Повестка и решения", "Agenda and decisions"],
  item: ["Вопрос", "Item"],
  speaker: ["Докладчик", "Speaker"],
  decision: ["Решение", "Decision"],
  documents: ["Рассмотренные документы", "Documents discussed"],
  addItem: ["Добавить вопрос", "Add an item"],
  removeItem: ["Убрать вопрос", "Remove the item"],
  saveAgenda: ["Сохранить повестку", "Save the agenda"],
  none: ["Совет еще не создан", "No council yet"],
  noMembers: ["Члены совета не внесены", "No members yet"],
  noMeetings: ["Заседаний нет", "No meetings"],
  portal: ["Страница совета на портале", "The council's page on the portal"],
});

type View = Schema<"CouncilView">;
type Member = Schema<"CouncilMemberView">;
type Meeting = Schema<"CouncilMeetingView">;
type DocOption = Schema<"CouncilDocumentOptions">["items"][number];

const errorText = (e: unknown) =>
  e instanceof ApiError && e.issues.length
    ? `${e.message}: ${e.issues.map((i) => `${i.path} — ${i.message}`).join("; ")}`
    : (e as Error).message;

function Error_({ text }: { text: string | null }) {
  return text ? (
    <p role="alert" className="error">
      {text}
    </p>
  ) : null;
}

function CouncilForm({ view }: { view: View }) {
  const t = useT(M);
  const c = view.council;
  const [name, setName] = useState(c?.name ?? "");
  const [description, setDescription] = useState(c?.description ?? "");
  const [basis, setBasis] = useState(c?.basis ?? "");
  const [error, setError] = useState<string | null>(null);
  const save = useSave(() =>
    api.PUT("/api/council", {
      body: { name, description: description || null, basis: basis || null, ...(c ? { version: c.version } : {}) },
    }),
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await save.run();
    } catch (x) {
      setError(errorText(x));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card">
      <label>
        {t("name")} <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t("basis")} <input value={basis} onChange={(e) => setBasis(e.target.value)} />
      </label>
      <label>
        {t("description")} <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <button type="submit" disabled={save.busy}>
        {c ? t("save") : t("create")}
      </button>
      <Error_ text={error} />
    </form>
  );
}

function MemberForm({ member, onDone, onCancel }: { member: Member | null; onDone?: () => void; onCancel?: () => void }) {
  const t = useT(M);
  const [fullName, setFullName] = useState(member?.fullName ?? "");
  const [organisation, setOrganisation] = useState(member?.organisation ?? "");
  const [position, setPosition] = useState(member?.position ?? "");
  const [role, setRole] = useState<CouncilRole>(member?.role ?? "member");
  const [since, setSince] = useState(member?.since ?? "");
  const [until, setUntil] = useState(member?.until ?? "");
  const [error, setError] = useState<string | null>(null);
  const body = () => ({
    fullName,
    organisation: organisation || null,
    position: position || null,
    role,
    since: since || null,
    until: until || null,
  });
  const save = useSave(() =>
    member
      ? api.PUT("/api/council/members/{id}", { params: { path: { id: member.id } }, body: { ...body(), version: member.version } })
      : api.POST("/api/council/members", { body: body() }),
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await save.run();
      if (!member) {
        setFullName("");
        setOrganisation("");
        setPosition("");
      }
      onDone?.();
    } catch (x) {
      setError(errorText(x));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="row" data-testid={member ? `member-form-${member.id}` : "member-form"}>
      <label>
        {t("fullName")} <input required value={fullName} onChange={(e) => setFullName(e.target.value)} />
      </label>
      <label>
        {t("organisation")} <input value={organisation} onChange={(e) => setOrganisation(e.target.value)} />
      </label>
      <label>
        {t("position")} <input value={position} onChange={(e) => setPosition(e.target.value)} />
      </label>
      <label>
        {t("role")}{" "}
        <select value={role} onChange={(e) => setRole(e.target.value as CouncilRole)}>
          {COUNCIL_ROLES.map((r) => (
            <option key={r} value={r}>
              {COUNCIL_ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("since")} <DateField aria-label={t("since")} value={since} onChange={setSince} />
      </label>
      <label>
        {t("until")} <DateField aria-label={t("until")} value={until} onChange={setUntil} />
      </label>
      <button type="submit" disabled={save.busy}>
        {member ? t("save") : t("add")}
      </button>
      {onCancel ? (
        <button type="button" onClick={onCancel}>
          {t("cancel")}
        </button>
      ) : null}
      <Error_ text={error} />
    </form>
  );
}

function Members({ members, editable }: { members: Member[]; editable: boolean }) {
  const t = useT(M);
  const confirm = useConfirm();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = useSave((m: Member) =>
    api.DELETE("/api/council/members/{id}", { params: { path: { id: m.id }, query: { version: m.version } } }),
  );
  const drop = async (m: Member) => {
    if (!(await confirm(t("confirmRemove", { name: m.fullName }), { action: t("remove"), danger: true }))) return;
    try {
      await remove.run(m);
    } catch (x) {
      setError(errorText(x));
    }
  };
  return (
    <section>
      <h2>
        {t("members")} ({members.length})
      </h2>
      {members.length === 0 ? <p className="muted">{t("noMembers")}</p> : null}
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("fullName")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("organisation")}</th>
              <th scope="col">{t("position")}</th>
              <th scope="col">
                {t("since")} — {t("until")}
              </th>
              {editable ? <th scope="col" /> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) =>
              editing === m.id ? (
                <tr key={m.id}>
                  <td colSpan={6}>
                    <MemberForm member={m} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <tr key={m.id}>
                  <td>{m.fullName}</td>
                  <td>{m.roleLabel}</td>
                  <td>{m.organisation}</td>
                  <td>{m.position}</td>
                  <td>
                    {formatDate(m.since)} — {formatDate(m.until)}
                  </td>
                  {editable ? (
                    <td>
                      <button type="button" onClick={() => setEditing(m.id)}>
                        {t("edit")}
                      </button>{" "}
                      <button type="button" onClick={() => void drop(m)}>
                        {t("remove")}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      <Error_ text={error} />
      {editable ? <MemberForm member={null} /> : null}
    </section>
  );
}

interface DraftItem {
  title: string;
  speaker: string;
  decision: string;
  documents: string[];
}

function MeetingCard({ m, docs, editable }: { m: Meeting; docs: DocOption[]; editable: boolean }) {
  const t = useT(M);
  const confirm = useConfirm();
  const [number, setNumber] = useState(m.number ?? "");
  const [heldOn, setHeldOn] = useState(m.heldOn);
  const [place, setPlace] = useState(m.place);
  const [published, setPublished] = useState(m.published);
  const [items, setItems] = useState<DraftItem[]>(
    m.items.map((i) => ({
      title: i.title,
      speaker: i.speaker ?? "",
      decision: i.decision ?? "",
      documents: i.documents.map((d) => `${d.kind}:${d.id}`),
    })),
  );
  const [error, setError] = useState<string | null>(null);
  const saveMeeting = useSave(() =>
    api.PUT("/api/council/meetings/{id}", {
      params: { path: { id: m.id } },
      body: { number: number || null, heldOn, place, published, version: m.version },
    }),
  );
  const saveAgenda = useSave(() =>
    api.PUT("/api/council/meetings/{id}/agenda", {
      params: { path: { id: m.id } },
      body: {
        version: m.version,
        items: items.map((i) => ({
          title: i.title,
          speaker: i.speaker || null,
          decision: i.decision || null,
          documents: i.documents.map((key) => {
            const [kind, id] = key.split(":") as [DocOption["kind"], string];
            return { kind, id };
          }),
        })),
      },
    }),
  );
  const remove = useSave(() => api.DELETE("/api/council/meetings/{id}", { params: { path: { id: m.id }, query: { version: m.version } } }));
  const run = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
    } catch (x) {
      setError(errorText(x));
    }
  };
  const submitMeeting = async (e: FormEvent) => {
    e.preventDefault();
    if (published && !m.published && !(await confirm(t("confirmPublish"), { action: t("save") }))) return;
    await run(saveMeeting.run);
  };
  const drop = async () => {
    if (!(await confirm(t("confirmDelete", { date: formatDate(m.heldOn) }), { action: t("deleteMeeting"), danger: true }))) return;
    await run(remove.run);
  };
  const setItem = (i: number, patch: Partial<DraftItem>) => setItems(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const title = `${m.number ? `№ ${m.number}, ` : ""}${formatDate(m.heldOn)}, ${m.place}`;
  if (!editable)
    return (
      <article className="card">
        <h3>
          {title} {m.published ? null : <span className="muted">({t("notPublished")})</span>}
        </h3>
        <ol>
          {m.items.map((i) => (
            <li key={i.position}>
              <strong>{i.title}</strong>
              {i.speaker ? ` — ${i.speaker}` : ""}
              {i.decision ? <div>{i.decision}</div> : null}
              {i.documents.length ? <div className="muted">{i.documents.map((d) => d.label).join("; ")}</div> : null}
            </li>
          ))}
        </ol>
      </article>
    );
  return (
    <article className="card" data-testid={`meeting-${m.id}`}>
      <h3>
        {title} {m.published ? null : <span className="muted">({t("notPublished")})</span>}
      </h3>
      <form onSubmit={(e) => void submitMeeting(e)} className="row">
        <label>
          {t("number")} <input value={number} onChange={(e) => setNumber(e.target.value)} />
        </label>
        <label>
          {t("heldOn")} <DateField aria-label={t("heldOn")} required value={heldOn} onChange={setHeldOn} />
        </label>
        <label>
          {t("place")} <input required value={place} onChange={(e) => setPlace(e.target.value)} />
        </label>
        <label>
          <input type="checkbox" checked={published} onChange={(e) => setPublished(e.target.checked)} /> {t("published")}
        </label>
        <button type="submit" disabled={saveMeeting.busy}>
          {t("save")}
        </button>
        <button type="button" onClick={() => void drop()}>
          {t("deleteMeeting")}
        </button>
      </form>
      <h4>{t("agenda")}</h4>
      <ol>
        {items.map((it, i) => (
          <li key={i}>
            <label>
              {t("item")} <input value={it.title} onChange={(e) => setItem(i, { title: e.target.value })} />
            </label>
            <label>
              {t("speaker")} <input value={it.speaker} onChange={(e) => setItem(i, { speaker: e.target.value })} />
            </label>
            <label>
              {t("decision")} <textarea rows={2} value={it.decision} onChange={(e) => setItem(i, { decision: e.target.value })} />
            </label>
            <label>
              {t("documents")}{" "}
              <select
                multiple
                value={it.documents}
                onChange={(e) => setItem(i, { documents: [...e.target.selectedOptions].map((o) => o.value) })}
              >
                {docs.map((d) => (
                  <option key={`${d.kind}:${d.id}`} value={`${d.kind}:${d.id}`}>
                    {COUNCIL_DOCUMENT_KIND_LABELS[d.kind]}: {d.label}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => setItems(items.filter((_, j) => j !== i))}>
              {t("removeItem")}
            </button>
          </li>
        ))}
      </ol>
      <div className="row">
        <button type="button" onClick={() => setItems([...items, { title: "", speaker: "", decision: "", documents: [] }])}>
          {t("addItem")}
        </button>
        <button type="button" disabled={saveAgenda.busy} onClick={() => void run(saveAgenda.run)}>
          {t("saveAgenda")}
        </button>
      </div>
      <Error_ text={error} />
    </article>
  );
}

function NewMeeting() {
  const t = useT(M);
  const [heldOn, setHeldOn] = useState("");
  const [place, setPlace] = useState("");
  const [number, setNumber] = useState("");
  const [error, setError] = useState<string | null>(null);
  const save = useSave(() => api.POST("/api/council/meetings", { body: { number: number || null, heldOn, place, published: false } }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await save.run();
      setHeldOn("");
      setPlace("");
      setNumber("");
    } catch (x) {
      setError(errorText(x));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="row" data-testid="meeting-form">
      <label>
        {t("number")} <input value={number} onChange={(e) => setNumber(e.target.value)} />
      </label>
      <label>
        {t("heldOn")} <DateField aria-label={t("heldOn")} required value={heldOn} onChange={setHeldOn} />
      </label>
      <label>
        {t("place")} <input required value={place} onChange={(e) => setPlace(e.target.value)} />
      </label>
      <button type="submit" disabled={save.busy}>
        {t("addMeeting")}
      </button>
      <Error_ text={error} />
    </form>
  );
}

export function CouncilPage() {
  const t = useT(M);
  const { me, can } = useSession();
  const editable = me?.municipalityId ? can("update", { area: "council", municipalityId: me.municipalityId }) : false;
  const view = useLoad(() => api.GET("/api/council"), []);
  const docs = useLoad(() => api.GET("/api/council/documents"), []);
  const settings = useLoad(() => api.GET("/api/portal/settings").catch(() => null), []);
  if (view.error)
    return (
      <p role="alert" className="banner error">
        {view.error.message}
      </p>
    );
  if (!view.data) return <Loading />;
  const v = view.data;
  return (
    <div className="page">
      <h1>{v.council?.name ?? t("title")}</h1>
      {settings.data ? (
        <p>
          <a href={`/p/${settings.data.slug}/council`}>{t("portal")}</a>
        </p>
      ) : null}
      {editable ? <CouncilForm key={v.council?.version ?? 0} view={v} /> : null}
      {!v.council ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <>
          {!editable && v.council.basis ? <p className="muted">{v.council.basis}</p> : null}
          <Members members={v.members} editable={editable} />
          <section>
            <h2>
              {t("meetings")} ({v.meetings.length})
            </h2>
            {v.meetings.length === 0 ? <p className="muted">{t("noMeetings")}</p> : null}
            {v.meetings.map((m) => (
              <MeetingCard key={`${m.id}:${m.version}`} m={m} docs={docs.data?.items ?? []} editable={editable} />
            ))}
            {editable ? <NewMeeting /> : null}
          </section>
        </>
      )}
    </div>
  );
}
