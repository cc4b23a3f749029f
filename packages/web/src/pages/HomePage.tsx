import { api } from "../lib/api.ts";
import { messages, useT } from "../lib/i18n.tsx";
import { Link } from "../lib/router.tsx";
import { useSession } from "../lib/session.tsx";
import { useLoad } from "../lib/useLoad.ts";

const M = messages({
  welcome: ["Здравствуйте, {name}", "Welcome, {name}"],
  strategy: ["Стратегия социально-экономического развития", "Strategy of social and economic development"],
  plan: ["План мероприятий по реализации стратегии", "Action plan of the strategy"],
  programs: ["Муниципальные программы: {n}", "Municipal programs: {n}"],
  none: ["нет", "none"],
});

export function HomePage() {
  const t = useT(M);
  const { me } = useSession();
  const programs = useLoad(() => api.GET("/api/programs"), []);
  const strategies = useLoad(() => api.GET("/api/strategies"), []);
  const plans = useLoad(() => api.GET("/api/action-plans"), []);
  return (
    <section>
      <h1>{t("welcome", { name: me?.user.fullName ?? "" })}</h1>
      <ul className="cards">
        <li className="card">
          <Link to="/strategy">{t("strategy")}</Link>
          <p className="muted">{strategies.data?.items.map((s) => s.name).join("; ") || t("none")}</p>
        </li>
        <li className="card">
          <Link to="/plan">{t("plan")}</Link>
          <p className="muted">{plans.data?.items.map((s) => s.name).join("; ") || t("none")}</p>
        </li>
        <li className="card">
          <Link to="/programs">{t("programs", { n: programs.data?.items.length ?? "…" })}</Link>
        </li>
      </ul>
    </section>
  );
}
