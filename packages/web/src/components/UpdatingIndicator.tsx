/**
 * «Обновляется…»: shown while a page's data stays on screen and a newer answer is on its way —
 * after a write invalidated the reads, or while a page keeps the previous key's data
 * (`useLoad(…, { keepPrevious: true })`). A first load shows its skeleton instead, so it is not
 * counted. The app never shows data being replaced as if it were current without this sign.
 */
import { useIsFetching } from "@tanstack/react-query";
import { messages, useT } from "../lib/i18n.tsx";
import { LOAD_KEY } from "../lib/query.ts";
import "./UpdatingIndicator.css";

const M = messages({ updating: ["Обновляется…", "Updating…"] });

export function UpdatingIndicator() {
  const t = useT(M);
  const fetching = useIsFetching({
    queryKey: [LOAD_KEY],
    predicate: (q) => q.state.data !== undefined || q.meta?.keepPrevious === true,
  });
  return (
    <span className="updating-indicator" role="status" aria-live="polite" data-testid="updating" data-active={fetching > 0}>
      {fetching > 0 ? t("updating") : ""}
    </span>
  );
}
