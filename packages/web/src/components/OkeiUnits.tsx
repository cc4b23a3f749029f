/**
 * Units of measure from the ОКЕИ classifier (issue 13, part 7). A unit is picked in `OkeiPicker`:
 * typing part of a unit's name, symbol or code asks the server's search of the classifier
 * (`GET /api/units?q=`: trigram similarity over a transliteration, so "килограм", "kilogram" or
 * "kg" find «кг — Килограмм, 166»), and picking one fills both the unit and its ОКЕИ code. A unit
 * that is not in the classifier may still be typed (the code then stays empty).
 *
 * The grid's unit columns edit through the same picker (`okeiUnitColumn`): a pick writes the unit
 * and, where the record has one, its code in one update; a row whose unit is a classifier's symbol
 * but has no code yet shows the code the symbol stands for.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Combobox, InputBase, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import "@mantine/core/styles/Input.css";
import "@mantine/core/styles/Combobox.css";
import { api, type Schema } from "../lib/api.ts";
import { messages, useT } from "../lib/i18n.tsx";
import type { CellEditorProps, GridColumn } from "./Grid.tsx";

type Unit = Schema<"OkeiUnit">;

const M = messages({
  nothing: ["Нет такой единицы в ОКЕИ — останется как введено", "No such unit in OKEI — kept as typed"],
  code: ["код ОКЕИ {code}", "OKEI code {code}"],
  searching: ["Поиск…", "Searching…"],
});

let cache: Promise<Unit[]> | null = null;

/** Every unit of the classifier (a few hundred), once per page load: to find the code of a unit typed in full. */
export function loadOkeiUnits(): Promise<Unit[]> {
  cache ??= api.GET("/api/units").then((r) => r.items);
  cache.catch(() => (cache = null));
  return cache;
}

/** The ОКЕИ code of a unit typed or picked (by its symbol or name), if it is one of the classifier's. */
export function okeiCodeOf(units: readonly Unit[], unit: string | null | undefined): string | null {
  const u = (unit ?? "").trim().toLowerCase();
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

/** The classifier's units matching a text, from the server's search (typos and Latin letters allowed). */
function useOkeiSearch(text: string, enabled: boolean) {
  const [q] = useDebouncedValue(text.trim(), 150);
  return useQuery({
    queryKey: ["okei", q],
    queryFn: () => api.GET("/api/units", { params: { query: q ? { q, limit: 30 } : { limit: 30 } } }).then((r) => r.items),
    enabled,
    staleTime: Infinity,
  });
}

export interface OkeiPickerProps {
  /** The unit as stored (a symbol of ОКЕИ or a text). */
  value: string;
  /** A pick gives the unit's symbol and its code; typed text gives the text and the code of a classifier's unit so written, or null. */
  onChange: (unit: string, code: string | null) => void;
  /** A unit was picked from the list (after `onChange`). */
  onPick?: (unit: string, code: string) => void;
  /** The editor is left without a pick: what was typed. */
  onBlur?: (text: string) => void;
  /** Keys the dropdown does not take (Enter with no option chosen, Tab, Escape). */
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
  autoFocus?: boolean;
  id?: string;
  name?: string;
  "aria-label"?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

/** A searchable pick of a unit of ОКЕИ (keyboard: type, ↓/↑, Enter; or the mouse). */
export function OkeiPicker(p: OkeiPickerProps) {
  const t = useT(M);
  const [text, setText] = useState(p.value);
  const [open, setOpen] = useState(false);
  const all = useOkeiUnits();
  const listId = useId();
  const picked = useRef(false);
  // the value given changed (another row, a reload): the field shows it
  const [given, setGiven] = useState(p.value);
  if (given !== p.value) {
    setGiven(p.value);
    setText(p.value);
  }
  const combobox = useCombobox({
    onDropdownOpen: () => setOpen(true),
    onDropdownClose: () => {
      setOpen(false);
      combobox.resetSelectedOption();
    },
  });
  const found = useOkeiSearch(text, open);
  const items = found.data ?? [];
  const known = okeiCodeOf(all, text);

  return (
    <Combobox
      store={combobox}
      withinPortal
      onOptionSubmit={(code) => {
        const u = items.find((x) => x.code === code);
        if (!u) return;
        picked.current = true;
        setText(u.symbol);
        combobox.closeDropdown();
        p.onChange(u.symbol, u.code);
        p.onPick?.(u.symbol, u.code);
      }}
    >
      <Combobox.Target>
        <InputBase
          className="okei-picker"
          id={p.id}
          name={p.name}
          autoFocus={p.autoFocus}
          autoComplete="off"
          aria-label={p["aria-label"]}
          aria-invalid={p["aria-invalid"]}
          aria-describedby={p["aria-describedby"]}
          data-testid="okei-picker"
          data-okei={known ?? ""}
          value={text}
          rightSection={known ? <span className="okei-code muted">{known}</span> : null}
          rightSectionPointerEvents="none"
          rightSectionWidth={known ? 44 : undefined}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setText(v);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
            p.onChange(v, okeiCodeOf(all, v));
          }}
          onFocus={() => combobox.openDropdown()}
          onClick={() => combobox.openDropdown()}
          onBlur={() => {
            combobox.closeDropdown();
            if (picked.current) picked.current = false;
            else p.onBlur?.(text);
          }}
          onKeyDown={(e) => {
            // Enter on an option of the open list picks it (the Combobox does); other keys go to the owner
            if ((e.key === "Enter" && combobox.dropdownOpened && combobox.getSelectedOptionIndex() !== -1) || e.key.startsWith("Arrow"))
              return;
            p.onKeyDown?.(e);
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options id={listId} data-testid="okei-options" mah={280} style={{ overflowY: "auto" }}>
          {items.map((u) => (
            <Combobox.Option value={u.code} key={u.code} data-code={u.code}>
              <b>{u.symbol}</b> — {u.name} <span className="muted">({t("code", { code: u.code })})</span>
            </Combobox.Option>
          ))}
          {found.isFetching && items.length === 0 ? <Combobox.Empty>{t("searching")}</Combobox.Empty> : null}
          {!found.isFetching && items.length === 0 ? <Combobox.Empty>{t("nothing")}</Combobox.Empty> : null}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

/**
 * A grid column of a unit edited with the ОКЕИ picker. `okeiField`: the record's field of the code
 * (its column's key), filled with the unit's code on a pick; absent where the record keeps no code.
 */
export function okeiUnitColumn<R>(col: GridColumn<R>, okeiField?: string): GridColumn<R> {
  return {
    ...col,
    editor: (e: CellEditorProps) => <OkeiCellEditor {...e} okeiField={okeiField} />,
  };
}

/** The code column beside a unit: the stored code, or the code of the classifier's unit the row's unit names. */
export function okeiCodeColumn<R>(
  col: GridColumn<R>,
  unitOf: (row: R) => string | null | undefined,
  units: readonly Unit[],
): GridColumn<R> {
  return { ...col, value: (row) => col.value(row) || okeiCodeOf(units, unitOf(row)) };
}

function OkeiCellEditor(e: CellEditorProps & { okeiField?: string }) {
  const all = useOkeiUnits();
  const also = (code: string | null): Record<string, string | null> | undefined =>
    e.okeiField && code ? { [e.okeiField]: code } : undefined;
  return (
    <OkeiPicker
      value={e.initial}
      autoFocus
      aria-label={e.label}
      onChange={() => {}}
      onPick={(unit, code) => e.commit(unit, also(code))}
      onBlur={(text) => e.commit(text, also(okeiCodeOf(all, text)))}
      onKeyDown={(k) => {
        if (k.key === "Escape") {
          k.preventDefault();
          e.cancel();
        } else if (k.key === "Enter" || k.key === "Tab") {
          const text = k.currentTarget.value;
          k.preventDefault();
          e.commit(text, also(okeiCodeOf(all, text)), k);
        }
      }}
    />
  );
}
