/**
 * The server state of the web app: one TanStack Query client for every read (`useLoad`) and write
 * (`useSave`). A read is fetched again when a write invalidates it; nothing is retried behind the
 * user's back (an API refusal is an answer to show, not a network blip), and a window regaining
 * focus does not reload a page someone is typing into.
 */
import { MutationObserver, QueryClient, useMutation } from "@tanstack/react-query";
import { useCallback, useState } from "react";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, staleTime: 30_000 },
    mutations: { retry: false },
  },
});

/** The prefix of every key `useLoad` gives its query (invalidate it to fetch every page's data again). */
export const LOAD_KEY = "load";

/** The key of the notifications of the top bar's bell (a write may have notified someone, or read one). */
export const NOTIFICATIONS_KEY = "notifications";

/**
 * Every read of the pages is fetched again (after a write that may change what they show), and
 * the bell's notifications with them (a step of approval notifies, reading one changes the count).
 */
export async function invalidateAll(): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: [LOAD_KEY] }),
    queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] }),
  ]);
}

export interface Save<A extends unknown[], T> {
  /** Runs the write; resolves with its answer once the reads are invalidated; throws the API's refusal. */
  run: (...args: A) => Promise<T>;
  /** A write is under way. */
  busy: boolean;
  /** The last write's refusal (cleared by the next run). */
  error: Error | null;
  reset: () => void;
}

/**
 * A write to the server (a TanStack mutation): on success every page read is invalidated, so no
 * page shows what the write changed as it was before.
 *
 *   const save = useSave((body: Body) => api.POST("/api/goals", { body }));
 *   await save.run(body);
 */
export function useSave<A extends unknown[], T>(write: (...args: A) => Promise<T>): Save<A, T> {
  const mutation = useMutation<T, Error, A>({
    mutationFn: (args) => write(...args),
    onSuccess: () => invalidateAll(),
  });
  const [error, setError] = useState<Error | null>(null);
  const { mutateAsync, isPending } = mutation;
  const run = useCallback(
    async (...args: A) => {
      setError(null);
      try {
        return await mutateAsync(args);
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        setError(err);
        throw err;
      }
    },
    [mutateAsync],
  );
  return { run, busy: isPending, error, reset: useCallback(() => setError(null), []) };
}

/**
 * A write made by a shared helper rather than a component's hook (the generic resources' rows of
 * the grid and the record forms, the grid's batch): the same mutation as `useSave` — on success
 * every page read and the bell are invalidated — so no page has to fetch again by hand.
 *
 *   await save(() => api.POST("/api/batch", { body }));
 */
export function save<T>(write: () => Promise<T>): Promise<T> {
  return new MutationObserver<T, Error, void>(queryClient, { mutationFn: write, onSuccess: () => invalidateAll() }).mutate();
}
