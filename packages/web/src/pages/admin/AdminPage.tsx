/**
 * /admin: the administrator's settings of the municipality — its name, country, currency and budget
 * levels; the references (departments, funding sources); users with their roles. Other roles see
 * that they have no rights (the rule itself lives in the domain policy).
 */
import { useState, type FormEvent } from "react";
import { ROLES, ROLE_LABELS, type AccountScope, type Role } from "@orientir/domain";
import { Grid, type GridColumn } from "../../components/Grid.tsx";
import { api, ApiError, type BodyOf, type ResponseOf } from "../../lib/api.ts";
import { save } from "../../lib/query.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useSession } from "../../lib/session.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { deleteColumn, specColumn, type Option, type Row } from "../strategy/forms.tsx";
import { labelOf } from "../../components/RecordForm.tsx";
import { useCan } from "../../components/useCan.ts";
import { DraftAttachmentsSetting } from "./DraftAttachmentsSetting.tsx";
import "../strategy/pages.css";
import { Loading } from "../../components/Loading.tsx";
import { useConfirm } from "../../lib/confirm.tsx";

const M = messages({
  title: ["Администрирование", "Administration"],
  noRights: [
    "Нет прав: раздел администрирования доступен только администратору муниципального образования.",
    "No rights: only the municipality's administrator may open the administration.",
  ],
  tab_municipality: ["Муниципальное образование", "Municipality"],
  tab_departments: ["Подразделения", "Departments"],
  tab_sources: ["Источники финансирования", "Funding sources"],
  tab_users: ["Пользователи", "Users"],
  loading: ["Загрузка…", "Loading…"],
  name: ["Наименование", "Name"],
  country: ["Страна (код)", "Country (code)"],
  currency: ["Валюта (код)", "Currency (code)"],
  timezone: ["Часовой пояс", "Time zone"],
  save: ["Сохранить", "Save"],
  saved: ["Сохранено", "Saved"],
  conflict: [
    "Настройки изменил другой администратор; показаны текущие значения.",
    "Another administrator changed the settings; the current values are shown.",
  ],
  levels: ["Уровни бюджета (источники финансирования)", "Budget levels (funding sources)"],
  levelsHint: ["Уровни бюджета ведутся во вкладке «Источники финансирования».", "Budget levels are kept on the “Funding sources” tab."],
  addDepartment: ["Добавить подразделение", "Add a department"],
  addSource: ["Добавить источник", "Add a source"],
  login: ["Логин", "Login"],
  fullName: ["ФИО", "Full name"],
  role: ["Роль", "Role"],
  department: ["Подразделение", "Department"],
  password: ["Пароль", "Password"],
  passwordHint: ["не короче 8 символов", "at least 8 characters"],
  status: ["Состояние", "Status"],
  active: ["активен", "active"],
  blocked: ["заблокирован", "blocked"],
  block: ["Заблокировать", "Block"],
  unblock: ["Разблокировать", "Unblock"],
  newPassword: ["Сменить пароль", "Change password"],
  setPassword: ["Задать", "Set"],
  remove: ["Удалить", "Delete"],
  confirmRemove: ["Снять роль пользователя «{login}» в этом муниципальном образовании?", "Remove user “{login}” from this municipality?"],
  createUser: ["Создать пользователя", "Create a user"],
  create: ["Создать", "Create"],
  created: ["Пользователь «{login}» создан", "User “{login}” created"],
  history: ["История", "History"],
  passwordChanged: ["Пароль изменен", "Password changed"],
  shared: ["общая", "shared"],
  resetTotp: ["Сбросить второй фактор", "Reset the second factor"],
  confirmResetTotp: [
    "Отключить второй фактор пользователя «{login}» (например, телефон потерян)? Его сеансы завершатся.",
    "Turn off the second factor of “{login}” (e.g. a lost phone)? Their sessions will end.",
  ],
  sharedHint: [
    "Учетная запись есть и в другом муниципальном образовании: пароль, ФИО, адрес и блокировку меняет администратор развертывания; здесь — только роль и подразделение.",
    "The account also belongs to another municipality: its password, name, e-mail and blocking are changed by the deployment administrator; here only its role and department.",
  ],
});

/** Where an account stands for the rules (domain AccountScope): shared accounts' identity is the deployment administrator's. */
/** An account as the users list gives it (GET /api/users). */
type UserRow = ResponseOf<"get", "/api/users">["items"][number];

function accountOf(u: UserRow): AccountScope {
  return u.deploymentAdmin ? "deployment" : u.shared ? "shared" : "local";
}

const TABS = ["municipality", "departments", "sources", "users"] as const;
type Tab = (typeof TABS)[number];

export function AdminPage() {
  const t = useT(M);
  const { me, can } = useSession();
  const { query } = useLocation();
  const tab = (TABS as readonly string[]).includes(query.get("tab") ?? "") ? (query.get("tab") as Tab) : "municipality";
  const allowed =
    !!me?.municipalityId && can("update", { area: "users", municipalityId: me.municipalityId, part: "identity", account: "local" });
  if (!allowed)
    return (
      <section>
        <h1>{t("title")}</h1>
        <p className="banner error noaccess" role="alert" data-testid="no-rights">
          {t("noRights")}
        </p>
      </section>
    );
  return (
    <section data-testid="admin-page">
      <h1>{t("title")}</h1>
      <div className="tabs" role="tablist">
        {TABS.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => navigate(`/admin?tab=${k}`)}>
            {t(`tab_${k}`)}
          </button>
        ))}
      </div>
      {tab === "municipality" ? <MunicipalityTab /> : null}
      {tab === "departments" ? (
        <ReferenceTab resource="department" path="departments" fields={["name", "shortName"]} addLabel={t("addDepartment")} />
      ) : null}
      {tab === "sources" ? (
        <ReferenceTab
          resource="budgetSource"
          path="budget-sources"
          fields={["code", "name", "ord", "formLabel"]}
          addLabel={t("addSource")}
        />
      ) : null}
      {tab === "users" ? <UsersTab /> : null}
    </section>
  );
}

function FieldError({ error, field }: { error: unknown; field: string }) {
  const msg = error instanceof ApiError ? error.issueFor(field) : undefined;
  return msg ? (
    <span className="field-error error" role="alert">
      {msg}
    </span>
  ) : null;
}

function MunicipalityTab() {
  const t = useT(M);
  const m = useLoad(() => api.GET("/api/municipality"), []);
  const sources = useLoad(() => api.GET("/api/budget-sources"), []);
  const [form, setForm] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  if (m.error)
    return (
      <p className="banner error" role="alert">
        {m.error.message}
      </p>
    );
  if (!m.data) return <Loading />;
  const row = m.data;
  const values = form ?? { name: row.name, country: row.country, currency: row.currency, timezone: row.timezone };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNote(null);
    try {
      const saved = await save(() => api.PATCH("/api/municipality", { body: { version: row.version, ...values } }));
      m.setData(saved);
      setForm(null);
      setNote(t("saved"));
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.status === 409) {
        setNote(t("conflict"));
        setForm(null);
        m.reload();
      }
    }
  };
  const field = (name: "name" | "country" | "currency" | "timezone") => (
    <div className={`field${error instanceof ApiError && error.issueFor(name) ? " invalid" : ""}`}>
      <label htmlFor={`m-${name}`}>{t(name)}</label>
      <input id={`m-${name}`} name={name} value={values[name] ?? ""} onChange={(e) => setForm({ ...values, [name]: e.target.value })} />
      <FieldError error={error} field={name} />
    </div>
  );
  return (
    <div>
      <form className="record-form card" onSubmit={(e) => void submit(e)} data-testid="municipality-form">
        {field("name")}
        {field("country")}
        {field("currency")}
        {field("timezone")}
        {error && !(error instanceof ApiError && error.issues.length) ? (
          <p className="error" role="alert">
            {(error as Error).message}
          </p>
        ) : null}
        {note ? (
          <p className="muted" role="status">
            {note}
          </p>
        ) : null}
        <div className="toolbar">
          <button type="submit">{t("save")}</button>
          <Link to={`/audit?objectId=${row.id}`}>{t("history")}</Link>
        </div>
      </form>
      <h2>{t("levels")}</h2>
      <ul className="plain" data-testid="budget-levels">
        {(sources.data?.items ?? []).map((s) => (
          <li key={s.id}>
            {s.name} <span className="muted">({s.code})</span>
          </li>
        ))}
      </ul>
      <p className="muted">{t("levelsHint")}</p>
      <DraftAttachmentsSetting />
    </div>
  );
}

function ReferenceTab({
  resource,
  path,
  fields,
  addLabel,
}: {
  resource: string;
  path: "budget-sources" | "departments";
  fields: string[];
  addLabel: string;
}) {
  const { lang } = useLang();
  const can = useCan("reference", resource);
  const list = useLoad(() => api.GET(`/api/${path}`), [path]);
  if (list.error)
    return (
      <p className="banner error" role="alert">
        {list.error.message}
      </p>
    );
  if (!list.data) return <Loading />;
  const columns: GridColumn<Row>[] = fields.map((f) =>
    specColumn<Row>(resource, f, lang, { canEdit: can("update"), width: f === "name" ? 420 : undefined }),
  );
  if (can("delete")) columns.push(deleteColumn<Row>(resource));
  return (
    <Grid
      label={addLabel}
      testId={`grid-${path}`}
      rows={list.data.items}
      rowKey={(r) => r.id}
      columns={columns}
      newRow={can("create") ? { resource, data: {}, label: addLabel } : undefined}
    />
  );
}

function UsersTab() {
  const t = useT(M);
  const { lang } = useLang();
  const { me, can } = useSession();
  const municipalityId = me?.municipalityId ?? "";
  const mayIdentity = (u: UserRow) => can("update", { area: "users", municipalityId, part: "identity", account: accountOf(u) });
  const mayMembership = (u: UserRow) => can("update", { area: "users", municipalityId, part: "membership", account: accountOf(u) });
  const confirm = useConfirm();
  const users = useLoad(() => api.GET("/api/users"), []);
  const deps = useLoad(() => api.GET("/api/departments"), []);
  const [rowError, setRowError] = useState<Record<string, string>>({});
  const [pwdFor, setPwdFor] = useState<string | null>(null);
  const roleOptions: Option[] = ROLES.map((r) => ({ value: r, label: labelOf(ROLE_LABELS[r], lang) }));
  const depOptions: Option[] = (deps.data?.items ?? []).map((d) => ({ value: d.id, label: d.name ?? "" }));
  if (users.error)
    return (
      <p className="banner error" role="alert">
        {users.error.message}
      </p>
    );
  if (!users.data) return <Loading />;

  const change = async (u: UserRow, patch: Omit<BodyOf<"patch", "/api/users/{id}">, "version">) => {
    setRowError({ ...rowError, [u.id]: "" });
    try {
      await save(() => api.PATCH("/api/users/{id}", { params: { path: { id: u.id } }, body: { version: u.version, ...patch } }));
    } catch (e) {
      setRowError({
        ...rowError,
        [u.id]: (e as Error).message + (e instanceof ApiError && e.issues.length ? `: ${e.issues.map((i) => i.message).join("; ")}` : ""),
      });
      if (e instanceof ApiError && e.status === 409) users.reload();
    }
  };
  const columns: GridColumn<UserRow>[] = [
    {
      key: "login",
      header: t("login"),
      value: (u) => u.login,
      width: 160,
      render: (u) => (
        <span>
          {u.login}
          {u.shared ? (
            <span className="tag muted" title={t("sharedHint")} data-testid="shared-account">
              {" "}
              ({t("shared")})
            </span>
          ) : null}
        </span>
      ),
    },
    { key: "fullName", header: t("fullName"), value: (u) => u.fullName, editable: (u) => mayIdentity(u), width: 260 },
    {
      key: "role",
      header: t("role"),
      kind: "select",
      options: roleOptions,
      value: (u) => u.role,
      editable: (u) => u.id !== me?.user.id && mayMembership(u),
      width: 220,
    },
    {
      key: "departmentId",
      header: t("department"),
      kind: "select",
      options: depOptions,
      value: (u) => u.departmentId ?? null,
      editable: (u) => mayMembership(u),
      width: 260,
    },
    { key: "status", header: t("status"), value: (u) => (u.isActive ? t("active") : t("blocked")) },
    {
      key: "__actions",
      header: "",
      value: () => null,
      render: (u) => (
        <span className="nowrap">
          {u.id !== me?.user.id && mayIdentity(u) ? (
            <button
              type="button"
              className="link"
              onClick={() => void change(u, { isActive: !u.isActive })}
              data-action={u.isActive ? "block" : "unblock"}
            >
              {u.isActive ? t("block") : t("unblock")}
            </button>
          ) : null}
          {mayIdentity(u) ? (
            <button type="button" className="link" onClick={() => setPwdFor(u.id)}>
              {t("newPassword")}
            </button>
          ) : null}
          {mayIdentity(u) && u.totpEnabled ? (
            <button
              type="button"
              className="link"
              onClick={() =>
                void confirm(t("confirmResetTotp", { login: u.login })).then((yes) =>
                  yes ? change(u, { resetSecondFactor: true }) : undefined,
                )
              }
            >
              {t("resetTotp")}
            </button>
          ) : null}
          {u.id !== me?.user.id && can("delete", { area: "users", municipalityId, part: "membership", account: accountOf(u) }) ? (
            <button
              type="button"
              className="link danger"
              onClick={() =>
                void (async () => {
                  if (!(await confirm(t("confirmRemove", { login: u.login }), { danger: true }))) return;
                  try {
                    await save(() => api.DELETE("/api/users/{id}", { params: { path: { id: u.id } } }));
                  } catch (e) {
                    setRowError({ ...rowError, [u.id]: (e as Error).message });
                  }
                })()
              }
            >
              {t("remove")}
            </button>
          ) : null}
          <Link to={`/audit?objectId=${u.id}`}>{t("history")}</Link>
          {rowError[u.id] ? (
            <span className="error" role="alert">
              {" "}
              {rowError[u.id]}
            </span>
          ) : null}
        </span>
      ),
    },
  ];
  return (
    <div>
      <Grid
        label={t("tab_users")}
        testId="grid-users"
        rows={users.data.items}
        rowKey={(u) => u.id}
        columns={columns}
        onSave={async (id, changes, u) => {
          await save(() => api.PATCH("/api/users/{id}", { params: { path: { id } }, body: { version: u.version, ...changes } }));
        }}
      />
      {users.data.items
        .filter((u) => u.id === pwdFor)
        .map((u) => (
          <PasswordForm key={u.id} user={u} onDone={() => setPwdFor(null)} onCancel={() => setPwdFor(null)} />
        ))}
      <CreateUser roleOptions={roleOptions} depOptions={depOptions} />
    </div>
  );
}

function PasswordForm({ user, onDone, onCancel }: { user: UserRow; onDone: () => void; onCancel: () => void }) {
  const t = useT(M);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      className="record-form card"
      onSubmit={(e) =>
        void (async () => {
          e.preventDefault();
          setError(null);
          try {
            await save(() =>
              api.PATCH("/api/users/{id}", { params: { path: { id: user.id } }, body: { version: user.version, password } }),
            );
            onDone();
          } catch (err) {
            setError(err);
          }
        })()
      }
    >
      <h3>
        {t("newPassword")}: {user.login}
      </h3>
      <div className="field">
        <label htmlFor="pwd-new">
          {t("password")} <span className="muted">({t("passwordHint")})</span>
        </label>
        <input id="pwd-new" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        <FieldError error={error} field="password" />
      </div>
      {error && !(error instanceof ApiError && error.issueFor("password")) ? (
        <p className="error" role="alert">
          {(error as Error).message}
        </p>
      ) : null}
      <div className="toolbar">
        <button type="submit">{t("setPassword")}</button>
        <button type="button" className="secondary" onClick={onCancel}>
          ×
        </button>
      </div>
    </form>
  );
}

function CreateUser({ roleOptions, depOptions }: { roleOptions: Option[]; depOptions: Option[] }) {
  const t = useT(M);
  const empty = { login: "", fullName: "", password: "", role: "viewer" as Role, departmentId: "" };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNote(null);
    try {
      const u = await save(() => api.POST("/api/users", { body: { ...form, departmentId: form.departmentId || null } }));
      setNote(t("created", { login: u.login }));
      setForm(empty);
    } catch (err) {
      setError(err);
    }
  };
  const invalid = (f: string) => (error instanceof ApiError && error.issueFor(f) ? " invalid" : "");
  const unplaced =
    error instanceof ApiError
      ? error.issues.filter(
          (i) => !["login", "fullName", "password", "role", "departmentId"].some((f) => i.path === f || i.path.endsWith(`.${f}`)),
        )
      : [];
  return (
    <form className="record-form card" onSubmit={(e) => void submit(e)} data-testid="create-user">
      <h3>{t("createUser")}</h3>
      <div className={`field${invalid("login")}`}>
        <label htmlFor="u-login">{t("login")}</label>
        <input
          id="u-login"
          name="login"
          autoComplete="off"
          value={form.login}
          onChange={(e) => setForm({ ...form, login: e.target.value })}
        />
        <FieldError error={error} field="login" />
      </div>
      <div className={`field${invalid("fullName")}`}>
        <label htmlFor="u-fullName">{t("fullName")}</label>
        <input id="u-fullName" name="fullName" value={form.fullName} onChange={(e) => setForm({ ...form, fullName: e.target.value })} />
        <FieldError error={error} field="fullName" />
      </div>
      <div className={`field${invalid("password")}`}>
        <label htmlFor="u-password">
          {t("password")} <span className="muted">({t("passwordHint")})</span>
        </label>
        <input
          id="u-password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        <FieldError error={error} field="password" />
      </div>
      <div className={`field${invalid("role")}`}>
        <label htmlFor="u-role">{t("role")}</label>
        <select
          id="u-role"
          name="role"
          value={form.role}
          onChange={(e) => setForm({ ...form, role: ROLES.find((r) => r === e.target.value) ?? form.role })}
        >
          {roleOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <FieldError error={error} field="role" />
      </div>
      <div className={`field${invalid("departmentId")}`}>
        <label htmlFor="u-department">{t("department")}</label>
        <select
          id="u-department"
          name="departmentId"
          value={form.departmentId}
          onChange={(e) => setForm({ ...form, departmentId: e.target.value })}
        >
          <option value="">—</option>
          {depOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <FieldError error={error} field="departmentId" />
      </div>
      {error && (!(error instanceof ApiError) || !error.issues.length || unplaced.length) ? (
        <p className="error" role="alert">
          {unplaced.length ? unplaced.map((i) => i.message).join("; ") : (error as Error).message}
        </p>
      ) : null}
      {note ? (
        <p role="status" data-testid="user-created">
          {note}
        </p>
      ) : null}
      <div className="toolbar">
        <button type="submit">{t("create")}</button>
      </div>
    </form>
  );
}
