/** The frame of every page after sign-in: navigation, municipality, language, user. */
import { useState, type ReactNode } from "react";
import { Burger, Drawer } from "@mantine/core";
import { Link, navigate, useLocation } from "../lib/router.tsx";
import { messages, useT } from "../lib/i18n.tsx";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { useSession, type SessionState } from "../lib/session.tsx";
import { Notifications } from "../components/Notifications.tsx";
import { UpdatingIndicator } from "../components/UpdatingIndicator.tsx";
import { queryClient } from "../lib/query.ts";
import { useScrollableFocus } from "../lib/scrollable.ts";
import "../pages/search/search.css";

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
  portalQueue: ["Модерация портала", "Portal moderation"],
  portalDiscussions: ["Протоколы и слушания", "Protocols and hearings"],
  council: ["Общественный совет", "Public council"],
  portalQa: ["Вопросы разработчикам", "Q&A with the drafters"],
  portalSurveys: ["Опросы жителей", "Surveys"],
  logout: ["Выйти", "Sign out"],
  account: ["Учетная запись", "Account"],
  control: ["Поручения и документы", "Orders and documents"],
  skip: ["Перейти к содержанию", "Skip to content"],
  menu: ["Меню", "Menu"],
  sections: ["Разделы", "Sections"],
  search: ["Поиск: программы, цели, показатели, люди", "Search: programs, goals, metrics, people"],
  searchButton: ["Найти", "Search"],
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
  role_office: ["канцелярия", "office"],
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
  ["/portal/queue", "portalQueue"],
  ["/portal/discussions", "portalDiscussions"],
  ["/portal/council", "council"],
  ["/portal/qa", "portalQa"],
  ["/portal/surveys", "portalSurveys"],
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
  // the menu of narrow screens; a link followed in it closes it
  const [menuOpen, setMenuOpen] = useState(false);
  useScrollableFocus();
  const [menuPath, setMenuPath] = useState(path);
  if (menuPath !== path) {
    setMenuPath(path);
    setMenuOpen(false);
  }
  const [searchText, setSearchText] = useState("");
  if (!me) return null;
  const active = (p: string) => (p === "/" ? path === "/" : path === p || path.startsWith(`${p}/`));
  const links = NAV.filter(([p]) => !NAV_ALLOWED[p] || (me.municipalityId !== null && NAV_ALLOWED[p](can, me.municipalityId))).map(
    ([p, key]) => (
      <Link key={p} to={p} className={active(p) ? "active" : ""} aria-current={active(p) ? "page" : undefined}>
        {t(key)}
      </Link>
    ),
  );
  const municipality = (
    <label className="muni">
      <span className="sr-only">{t("municipality")}</span>
      <select
        aria-label={t("municipality")}
        value={me.municipalityId ?? ""}
        onChange={(e) =>
          // another municipality's data: every read starts again from a skeleton (nothing of the former shown as current)
          void switchMunicipality(e.target.value).then(async () => {
            await queryClient.resetQueries();
            navigate("/");
          })
        }
      >
        {me.memberships.map((m) => (
          <option key={m.municipalityId} value={m.municipalityId}>
            {m.municipalityName}
          </option>
        ))}
      </select>
    </label>
  );
  const role = me.role ? <small className="role"> · {t(`role_${me.role}` as keyof typeof M)}</small> : null;
  const language = <LanguageSwitch />;
  const search = (
    <form
      role="search"
      className="topbar-search"
      onSubmit={(e) => {
        e.preventDefault();
        const q = searchText.trim();
        if (q.length >= 2) navigate(`/search?${new URLSearchParams({ q }).toString()}`);
      }}
    >
      <input
        type="search"
        value={searchText}
        onChange={(e) => setSearchText(e.target.value)}
        placeholder={t("search")}
        aria-label={t("search")}
        data-testid="global-search"
      />
      <button type="submit" className="sr-only">
        {t("searchButton")}
      </button>
    </form>
  );
  const signOut = (
    <button type="button" className="link" onClick={() => void logout()}>
      {t("logout")}
    </button>
  );
  return (
    <div className="layout">
      <a href="#main" className="skip-link">
        {t("skip")}
      </a>
      <header className="topbar">
        <Burger
          className="burger"
          opened={menuOpen}
          onClick={() => setMenuOpen((o) => !o)}
          size="sm"
          aria-label={t("menu")}
          aria-expanded={menuOpen}
          aria-controls="app-menu"
          data-testid="menu-button"
        />
        <Link to="/" className="brand">
          {t("app")}
        </Link>
        <nav aria-label={t("sections")} className="wide-only">
          {links}
        </nav>
        <div className="tools">
          {me.municipalityId ? <span className="wide-only">{search}</span> : null}
          <span className="wide-only">{municipality}</span>
          {me.municipalityId ? <Notifications /> : null}
          <span className="user" data-testid="current-user">
            {me.user.fullName}
            {role}
          </span>
          <span className="wide-only">{language}</span>
          <Link to="/account" data-testid="account-link" className="wide-only">
            {t("account")}
          </Link>
          <span className="wide-only">{signOut}</span>
        </div>
      </header>
      <Drawer opened={menuOpen} onClose={() => setMenuOpen(false)} title={t("app")} size="xs" id="app-menu" className="app-menu">
        <p className="menu-user">
          {me.user.fullName}
          {role}
        </p>
        <nav aria-label={t("menu")} className="menu-nav">
          {links}
          <Link to="/account">{t("account")}</Link>
        </nav>
        <div className="menu-tools">
          {me.municipalityId ? search : null}
          {municipality}
          {language}
          {signOut}
        </div>
      </Drawer>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <UpdatingIndicator />
    </div>
  );
}
