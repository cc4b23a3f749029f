/** The frame of every page after sign-in: navigation, municipality, language, user. */
import type { ReactNode } from "react";
import { Link, useLocation } from "../lib/router.tsx";
import { messages, useT } from "../lib/i18n.tsx";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { useSession, type SessionState } from "../lib/session.tsx";
import { Notifications } from "../components/Notifications.tsx";

const M = messages({
  app: ["Ориентир", "Orientir"],
  home: ["Главная", "Home"],
  dashboard: ["Контроль", "Control"],
  monitoring: ["Мониторинг", "Monitoring"],
  strategy: ["Стратегия", "Strategy"],
  plan: ["План мероприятий", "Action plan"],
  programs: ["Муниципальные программы", "Municipal programs"],
  admin: ["Администрирование", "Administration"],
  audit: ["Журнал изменений", "Audit log"],
  evaluation: ["Оценка эффективности", "Effectiveness"],
  workflow: ["Согласование", "Approval"],
  portal: ["Обсуждение", "Discussion"],
  logout: ["Выйти", "Sign out"],
  account: ["Учетная запись", "Account"],
  control: ["Поручения и документы", "Orders and documents"],
  appeals: ["Обращения граждан", "Citizens' appeals"],
  municipality: ["Муниципальное образование", "Municipality"],
  role_admin: ["администратор", "administrator"],
  role_economy: ["управление экономики", "economy department"],
  role_finance: ["финансовое управление", "finance department"],
  role_audit: ["контрольно-счетный орган", "audit chamber"],
  role_executor: ["ответственный исполнитель", "responsible executor"],
  role_coexecutor: ["соисполнитель", "co-executor"],
  role_head: ["глава", "head"],
  role_viewer: ["наблюдатель", "viewer"],
});

/** Navigation entries: [path, label key]. Helpers add theirs. */
export const NAV: [string, keyof typeof M][] = [
  ["/", "home"],
  ["/dashboard", "dashboard"],
  ["/strategy", "strategy"],
  ["/plan", "plan"],
  ["/programs", "programs"],
  ["/monitoring", "monitoring"],
  ["/evaluation", "evaluation"],
  ["/workflow", "workflow"],
  ["/portal", "portal"],
  ["/control/orders", "control"],
  ["/control/appeals", "appeals"],
  ["/audit", "audit"],
  ["/admin", "admin"],
];

/** Entries shown only to those who may use them (the pages check again): the rest see no dead links. */
export const NAV_ALLOWED: Partial<Record<string, (can: SessionState["can"], municipalityId: string) => boolean>> = {
  "/audit": (can, municipalityId) => can("read", { area: "audit", municipalityId }),
  "/admin": (can, municipalityId) => can("update", { area: "users", municipalityId, part: "identity", account: "local" }),
};

export function Layout({ children }: { children: ReactNode }) {
  const t = useT(M);
  const { me, logout, switchMunicipality, can } = useSession();
  const { path } = useLocation();
  if (!me) return null;
  const active = (p: string) => (p === "/" ? path === "/" : path === p || path.startsWith(`${p}/`));
  return (
    <div className="layout">
      <header className="topbar">
        <Link to="/" className="brand">
          {t("app")}
        </Link>
        <nav aria-label="main">
          {NAV.filter(([p]) => !NAV_ALLOWED[p] || (me.municipalityId !== null && NAV_ALLOWED[p](can, me.municipalityId))).map(
            ([p, key]) => (
              <Link key={p} to={p} className={active(p) ? "active" : ""}>
                {t(key)}
              </Link>
            ),
          )}
        </nav>
        <div className="tools">
          <label className="muni">
            <span className="sr-only">{t("municipality")}</span>
            <select
              aria-label={t("municipality")}
              value={me.municipalityId ?? ""}
              onChange={(e) => void switchMunicipality(e.target.value).then(() => window.location.assign("/"))}
            >
              {me.memberships.map((m) => (
                <option key={m.municipalityId} value={m.municipalityId}>
                  {m.municipalityName}
                </option>
              ))}
            </select>
          </label>
          {me.municipalityId ? <Notifications /> : null}
          <span className="user" data-testid="current-user">
            {me.user.fullName}
            {me.role ? <small> · {t(`role_${me.role}` as keyof typeof M)}</small> : null}
          </span>
          <LanguageSwitch />
          <Link to="/account" data-testid="account-link">
            {t("account")}
          </Link>
          <button type="button" className="link" onClick={() => void logout()}>
            {t("logout")}
          </button>
        </div>
      </header>
      <main>{children}</main>
    </div>
  );
}
