/** Load data from the API for a page; `reload()` fetches again (after a save). */
import { useCallback, useEffect, useEffectEvent, useState } from "react";

export interface Loaded<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
  setData: (d: T) => void;
}

/** Two dependency lists compared as React compares an effect's dependencies. */
function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

interface Result<T> {
  /** The load this result answers (generation of the dependencies and reload count). */
  key: string | null;
  data: T | null;
  error: Error | null;
}

/**
 * Runs `load` on mount, whenever a value of `deps` changes and on `reload()`; the last data stays
 * while a new load runs (`loading` is true until it answers). An answer that comes after the
 * dependencies changed again is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  // a new generation whenever a dependency changes (adjusting state while rendering, as React advises)
  const [seen, setSeen] = useState({ deps, generation: 0 });
  const changed = !sameDeps(seen.deps, deps);
  const generation = changed ? seen.generation + 1 : seen.generation;
  if (changed) setSeen({ deps, generation });
  const [tick, setTick] = useState(0);
  const key = `${generation}:${tick}`;
  const [result, setResult] = useState<Result<T>>({ key: null, data: null, error: null });
  // the latest `load` (it closes over the page's current values), not a dependency of the effect
  const run = useEffectEvent(load);
  useEffect(() => {
    let live = true;
    run().then(
      (data) => {
        if (live) setResult({ key, data, error: null });
      },
      (e: unknown) => {
        if (live) setResult((r) => ({ key, data: r.data, error: e instanceof Error ? e : new Error(String(e)) }));
      },
    );
    return () => {
      live = false;
    };
  }, [key]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((data: T) => setResult((r) => ({ ...r, data })), []);
  return { data: result.data, error: result.error, loading: result.key !== key, reload, setData };
}
