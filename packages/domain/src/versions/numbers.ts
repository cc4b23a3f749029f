/**
 * Exact arithmetic and Russian display of the decimal strings of indicator and metric values
 * (money has its own in money.ts). A decimal is held as a bigint and a count of fractional digits.
 */
import { normalizeDecimal } from "../validation/fields.ts";

interface Scaled {
  n: bigint;
  scale: number;
}

function scaled(normalized: string): Scaled {
  const neg = normalized.startsWith("-");
  const [int = "0", frac = ""] = (neg ? normalized.slice(1) : normalized).split(".");
  const n = BigInt(int + frac);
  return { n: neg ? -n : n, scale: frac.length };
}

function unscaled({ n, scale }: Scaled): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? digits.slice(digits.length - scale).replace(/0+$/, "") : "";
  const body = frac ? `${int}.${frac}` : int;
  return neg ? `-${body}` : body;
}

/** The normalized form of a decimal ("1 234,50" → "1234.5"), or null when it is not one. */
export function decimalOf(raw: unknown): string | null {
  return normalizeDecimal(raw);
}

/** after − before, exactly, as a normalized decimal string; null when either is not a decimal. */
export function decimalDelta(before: string, after: string): string | null {
  const a = decimalOf(before);
  const b = decimalOf(after);
  if (a === null || b === null) return null;
  const x = scaled(a);
  const y = scaled(b);
  const scale = Math.max(x.scale, y.scale);
  const n = y.n * 10n ** BigInt(scale - y.scale) - x.n * 10n ** BigInt(scale - x.scale);
  return unscaled({ n, scale });
}

/** Russian display of a decimal: "41000.5" → "41 000,5" (no-break spaces between groups). */
export function formatDecimalRu(raw: string): string {
  const d = decimalOf(raw);
  if (d === null) return raw;
  const neg = d.startsWith("-");
  const [int = "0", frac] = (neg ? d.slice(1) : d).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
  return `${neg ? "-" : ""}${grouped}${frac ? `,${frac}` : ""}`;
}

/** A difference with its sign: "+1 500", "-0,25", "0". */
export function formatDeltaRu(delta: string): string {
  const d = decimalOf(delta);
  if (d === null) return delta;
  if (d === "0") return "0";
  return d.startsWith("-") ? formatDecimalRu(d) : `+${formatDecimalRu(d)}`;
}
