/**
 * Load data from the API for a page (a TanStack query); `reload()` fetches again (after a save).
 *
 *   const tree = useLoad(() => api.GET("/api/programs/{id}/tree", …), [params.id]);
 *
 * The query's key is the calling component and its dependencies: when a dependency changes, `data`
 * is null until the new key answers (the page shows a skeleton, not last year's figures as this
 * year's) — unless the page opts in with `{ keepPrevious: true }` (for dependencies that are the
 * same thing loaded again, such as a tree reloaded after a save). `reload()` keeps the data of the
 * same key on screen while it is fetched again. While data is on screen and a newer answer is on
 * its way, `updating` is true and the top bar says «Обновляется…» (`UpdatingIndicator`).
 */
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useId, useState } from "react";
import { LOAD_KEY } from "./query.ts";

export interface Loaded<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  /**
   * `data` is on screen while a newer answer is fetched (after a write invalidated it, or the
   * previous key's data kept by `keepPrevious`): the page must say so (the top bar's
   * `UpdatingIndicator` does for every page), never show it as current.
   */
  updating: boolean;
  reload: () => void;
  setData: (d: T) => void;
}

export interface LoadOptions {
  /** Keep showing the previous key's data while a new key loads (default false: null until it answers). */
  keepPrevious?: boolean;
}

/** Two dependency lists compared as React compares an effect's dependencies. */
function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

function primitive(v: unknown): boolean {
  return v === null || v === undefined || ["string", "number", "boolean"].includes(typeof v);
}

/**
 * The part of the key that stands for the dependencies: the values themselves when they are plain
 * values (the same year again is the same query), otherwise a generation counted up whenever one
 * changes (objects are compared by identity, as an effect compares them).
 */
function useDepsKey(deps: readonly unknown[]): unknown[] {
  const [seen, setSeen] = useState({ deps, generation: 0 });
  const changed = !sameDeps(seen.deps, deps);
  const generation = changed ? seen.generation + 1 : seen.generation;
  // adjusting state while rendering, as React advises for values derived from props
  if (changed) setSeen({ deps, generation });
  return deps.every(primitive) ? deps.map((d) => (d === undefined ? null : d)) : [`#${generation}`];
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[], options: LoadOptions = {}): Loaded<T> {
  const id = useId();
  const client = useQueryClient();
  const queryKey = [LOAD_KEY, id, ...useDepsKey(deps)];
  const query = useQuery<T, Error>({
    queryKey,
    // the latest `load` (it closes over the page's current values)
    queryFn: async () => ((await load()) ?? null) as T,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    // the top bar's indicator counts the fetches of a query whose previous data stays on screen
    meta: options.keepPrevious ? { keepPrevious: true } : undefined,
  });
  const keyText = JSON.stringify(queryKey);
  const reload = useCallback(() => {
    void client.invalidateQueries({ queryKey: JSON.parse(keyText) as unknown[], exact: true });
  }, [client, keyText]);
  const setData = useCallback((d: T) => client.setQueryData(JSON.parse(keyText) as unknown[], d), [client, keyText]);
  return {
    data: query.data ?? null,
    error: query.error ?? null,
    loading: query.isFetching || query.isPlaceholderData,
    updating: query.isPlaceholderData || (query.isFetching && query.data !== undefined),
    reload,
    setData,
  };
}
