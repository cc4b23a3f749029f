/**
 * A list that comes a page at a time (`{ items, next }`, issue 15 part 6): the first page as the
 * page loaded it, the pages after it added by «Показать ещё» (`more()`), asked with the previous
 * page's `next`. The added pages are dropped when the first page is another (other filters, or loaded
 * again after a change), so the list never mixes two states.
 */
import { useState } from "react";

export interface Paged<T> {
  items: T[];
  next: string | null;
}

export interface More<T> {
  /** The first page's items and those of the pages added after it. */
  items: T[];
  /** Whether another page follows. */
  hasMore: boolean;
  loading: boolean;
  error: Error | null;
  /** Adds the next page. */
  more: () => void;
}

export function useMore<T>(first: Paged<T> | null, loadAfter: (after: string) => Promise<Paged<T>>): More<T> {
  const [added, setAdded] = useState<{ base: Paged<T>; items: T[]; next: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const mine = added && added.base === first ? added : null;
  const next = mine ? mine.next : (first?.next ?? null);
  const more = () => {
    if (!first || next === null || loading) return;
    setLoading(true);
    setError(null);
    loadAfter(next)
      .then((p) => setAdded({ base: first, items: [...(mine?.items ?? []), ...p.items], next: p.next }))
      .catch((e: unknown) => setError(e instanceof Error ? e : new Error(String(e))))
      .finally(() => setLoading(false));
  };
  return { items: [...(first?.items ?? []), ...(mine?.items ?? [])], hasMore: next !== null, loading, error, more };
}
