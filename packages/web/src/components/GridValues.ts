/**
 * Values of grid cells: what the user typed (Russian decimal commas, spaces between thousands,
 * dd.mm.yyyy dates, labels of a list) → the value the API takes; and the value → the text shown.
 * Money is never a float: parseMoney/formatMoney of the domain (bigint hundredths).
 */
import { formatMoney, formatMoneyRu, parseMoney, sumMoney, type Money } from "@orientir/domain";

export type CellKind = "text" | "number" | "int" | "money" | "date" | "select";

export interface Option {
  value: string;
  label: string;
}

/** Text typed or pasted into a cell → the value sent to the server (null = empty). */
export function parseCellInput(kind: CellKind, input: string, options: Option[] = []): string | null {
  const raw = input.replace(/\u00a0/g, " ").trim();
  if (raw === "") return null;
  switch (kind) {
    case "number":
    case "int":
    case "money": {
      const s = raw.replace(/[\s']/g, "").replace(/\u2212/g, "-");
      // "1 234,56" and "1234.56"; a lone comma is the decimal separator.
      if (/^-?\d+(,\d+)?$/.test(s)) return s.replace(",", ".");
      return s;
    }
    case "date": {
      // dd.mm.yyyy of a real day → ISO; anything else goes as typed, so the server's message quotes what the user typed
      const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(raw);
      if (ru) {
        const [d, m, y] = [Number(ru[1]), Number(ru[2]), Number(ru[3])];
        const at = new Date(Date.UTC(y, m - 1, d));
        if (at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d)
          return `${ru[3]}-${ru[2]!.padStart(2, "0")}-${ru[1]!.padStart(2, "0")}`;
      }
      return raw;
    }
    case "select": {
      const low = raw.toLowerCase();
      const o = options.find((x) => x.value.toLowerCase() === low) ?? options.find((x) => x.label.toLowerCase() === low);
      return o ? o.value : raw;
    }
    default:
      return raw;
  }
}

/** The value as the grid shows it (Russian number format). */
export function formatCell(kind: CellKind, value: string | null | undefined, options: Option[] = []): string {
  if (value === null || value === undefined || value === "") return "";
  switch (kind) {
    case "money":
      try {
        return formatMoneyRu(parseMoney(value));
      } catch {
        return value;
      }
    case "number":
      return /^-?\d+(\.\d+)?$/.test(value) ? value.replace(".", ",") : value;
    case "date": {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
    }
    case "select":
      return options.find((o) => o.value === value)?.label ?? value;
    default:
      return value;
  }
}

/** The text put into the editor when editing starts (no thousands separators). */
export function editText(kind: CellKind, value: string | null | undefined, options: Option[] = []): string {
  if (value === null || value === undefined) return "";
  if (kind === "money" || kind === "number") return value.replace(".", ",");
  return formatCell(kind, value, options);
}

/** Same value? ("11" and "11.0" are the same number.) */
export function sameValue(kind: CellKind, a: string | null | undefined, b: string | null | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null || y === null) return x === y;
  if (kind === "number" || kind === "money" || kind === "int") {
    const dx = decimalParts(x);
    const dy = decimalParts(y);
    if (dx && dy) {
      const scale = Math.max(dx.scale, dy.scale);
      return dx.units * 10n ** BigInt(scale - dx.scale) === dy.units * 10n ** BigInt(scale - dy.scale);
    }
  }
  return x === y;
}

function decimalParts(s: string): { units: bigint; scale: number } | null {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = m[3] ?? "";
  const units = BigInt(m[2]! + frac);
  return { units: m[1] ? -units : units, scale: frac.length };
}

/** Exact sum of decimal strings (any number of decimals); null when there is nothing to add. */
export function sumDecimals(values: (string | null | undefined)[]): string | null {
  const parts = values.filter((v): v is string => v !== null && v !== undefined && v !== "").map(decimalParts);
  if (parts.length === 0 || parts.some((p) => p === null)) return parts.length === 0 ? null : null;
  const scale = Math.max(...parts.map((p) => p!.scale));
  let total = 0n;
  for (const p of parts) total += p!.units * 10n ** BigInt(scale - p!.scale);
  const neg = total < 0n;
  const digits = (neg ? -total : total).toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  const frac = scale ? `.${digits.slice(digits.length - scale)}` : "";
  return `${neg ? "-" : ""}${int}${frac}`;
}

/** Exact sum of money strings; invalid ones are left out. */
export function sumMoneyValues(values: (string | null | undefined)[]): string | null {
  const ms: Money[] = [];
  for (const v of values) {
    if (v === null || v === undefined || v === "") continue;
    try {
      ms.push(parseMoney(v));
    } catch {
      // not a valid amount: not counted
    }
  }
  return ms.length ? formatMoney(sumMoney(ms)) : null;
}

/**
 * A block copied from Excel or LibreOffice: rows by newline, cells by tab; a cell in double quotes
 * may hold tabs, newlines and doubled quotes.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
      i++;
      continue;
    }
    if (ch === "\t") {
      row.push(cell);
      cell = "";
      atCellStart = true;
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      atCellStart = true;
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    cell += ch;
    atCellStart = false;
    i++;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
