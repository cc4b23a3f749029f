/**
 * What a page shows while its data loads: grey bars where the content will be (a skeleton), announced
 * to screen readers as loading — never the previous data as if it were current.
 */
import { Skeleton } from "@mantine/core";
import { messages, useT } from "../lib/i18n.tsx";

const M = messages({ loading: ["Загрузка…", "Loading…"] });

const WIDTHS = ["60%", "100%", "92%", "80%", "96%", "70%"];

export function Loading({ lines = 4, className }: { lines?: number; className?: string }) {
  const t = useT(M);
  return (
    <div className={`loading ${className ?? ""}`} role="status" aria-busy="true" data-testid="loading">
      <span className="sr-only">{t("loading")}</span>
      {WIDTHS.slice(0, Math.max(1, Math.min(lines, WIDTHS.length))).map((w, i) => (
        <Skeleton key={i} height={i === 0 ? 22 : 14} width={w} mt={i === 0 ? 0 : 10} radius="sm" />
      ))}
    </div>
  );
}
