/**
 * Units of measure from the ОКЕИ classifier (issue 13, part 7): a <datalist> of the units (symbol,
 * name and code) that every input of a unit refers to (`list={OKEI_LIST_ID}`), so a unit is picked
 * from the classifier by typing part of its name or symbol; loaded once per page load.
 */
import { useEffect, useState } from "react";
import { api, type Schema } from "../lib/api.ts";

export const OKEI_LIST_ID = "okei-units";

type Unit = Schema<"OkeiUnit">;
let cache: Promise<Unit[]> | null = null;

export function loadOkeiUnits(): Promise<Unit[]> {
  cache ??= api.GET("/api/units").then((r) => r.items);
  cache.catch(() => (cache = null));
  return cache;
}

/** The ОКЕИ code of a unit typed or picked (by its symbol or name), if it is one of the classifier's. */
export function okeiCodeOf(units: Unit[], unit: string): string | null {
  const u = unit.trim().toLowerCase();
  if (!u) return null;
  return units.find((x) => x.symbol.toLowerCase() === u || x.name.toLowerCase() === u)?.code ?? null;
}

/** The units of ОКЕИ (loaded when `enabled`: a form without a unit does not ask for them). */
export function useOkeiUnits(enabled = true): Unit[] {
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void loadOkeiUnits().then(
      (u) => live && setUnits(u),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return units;
}

/** The datalist the unit inputs of a page refer to; render it once per page. */
export function OkeiDatalist() {
  const units = useOkeiUnits();
  return (
    <datalist id={OKEI_LIST_ID} data-testid="okei-units">
      {units.map((u) => (
        <option key={u.code} value={u.symbol} label={`${u.name} — ОКЕИ ${u.code}`} />
      ))}
    </datalist>
  );
}
