/** The end of a list that comes a page at a time: its error, and «Показать ещё» while a page follows. */
import type { More } from "../lib/useMore.ts";

export function MoreFooter<T>({ paged, label, testId }: { paged: More<T>; label: string; testId: string }) {
  return (
    <>
      {paged.error ? (
        <div className="banner error" role="alert">
          {paged.error.message}
        </div>
      ) : null}
      {paged.hasMore ? (
        <p>
          <button type="button" onClick={paged.more} disabled={paged.loading} data-testid={testId}>
            {label}
          </button>
        </p>
      ) : null}
    </>
  );
}
