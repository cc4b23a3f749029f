/** The orders on control about a program (issue 15): a small section of the program's page. */
import { ORDER_STATE_LABELS } from "@orientir/domain";
import { api } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";

const M = messages({
  title: ["Поручения по программе", "Orders about the program"],
  overdue: ["просрочено", "overdue"],
});

export function ProgramOrders({ programId }: { programId: string }) {
  const t = useT(M);
  const { lang } = useLang();
  const list = useLoad(() => api.GET("/api/programs/{id}/orders", { params: { path: { id: programId } } }), [programId]);
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <div className="card" data-testid="program-orders">
      <h2>{t("title")}</h2>
      <ul>
        {items.map((o) => (
          <li key={o.id}>
            <Link to={`/control/orders/${o.id}`}>{o.number}</Link> — {o.text} ({o.due.split("-").reverse().join(".")},{" "}
            {ORDER_STATE_LABELS[o.state][lang === "ru" ? "ru" : "en"]}
            {o.standing === "overdue" ? <strong>, {t("overdue")}</strong> : null})
          </li>
        ))}
      </ul>
    </div>
  );
}
