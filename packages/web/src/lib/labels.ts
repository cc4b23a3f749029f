/**
 * Codes by their labels: the municipality's budget sources by name ("local" → «Бюджет города»),
 * loaded once per page load, the code itself until they are known (or for a code not in the list).
 *   const sourceName = useBudgetSourceNames();  sourceName(c.source)
 */
import { useEffect, useState } from "react";
import { api } from "./api.ts";
import { useSession } from "./session.tsx";

const cache = new Map<string, Promise<Map<string, string>>>();

function sourcesOf(municipalityId: string): Promise<Map<string, string>> {
  let p = cache.get(municipalityId);
  if (!p) {
    p = api.GET("/api/budget-sources").then((r) => {
      const names = new Map<string, string>();
      for (const s of r.items) if (s.code && s.name) names.set(s.code, s.name);
      return names;
    });
    p.catch(() => cache.delete(municipalityId));
    cache.set(municipalityId, p);
  }
  return p;
}

export function useBudgetSourceNames(): (code: string | null | undefined) => string {
  const { me } = useSession();
  const id = me?.municipalityId ?? null;
  const [known, setKnown] = useState<{ id: string; names: Map<string, string> } | null>(null);
  useEffect(() => {
    let live = true;
    if (id)
      void sourcesOf(id).then(
        (names) => live && setKnown({ id, names }),
        () => {},
      );
    return () => {
      live = false;
    };
  }, [id]);
  const names = known && known.id === id ? known.names : null;
  return (code) => (code ? (names?.get(code) ?? code) : "");
}
