/**
 * Exact rational numbers for the evaluation: a bigint numerator over a positive bigint
 * denominator. Every level of the methodology is computed exactly; a binary float appears only
 * at the very end, as the correctly rounded JSON number of the result, and a rounded decimal
 * appears only for display (2 decimals, half up). The rating is taken on the exact value.
 *
 * Inputs: plans and facts arrive as JSON numbers; a number is read as the decimal it is written
 * as (`String(x)`, the shortest decimal that round-trips), so 78.5 is exactly 785/10, never the
 * binary double nearest to it. Weights such as 0.7 are read the same way.
 */

export interface Rational {
  /** Numerator (carries the sign). */
  readonly n: bigint;
  /** Denominator, always > 0. */
  readonly d: bigint;
}

export const Q0: Rational = { n: 0n, d: 1n };
export const Q1: Rational = { n: 1n, d: 1n };
export const Q100: Rational = { n: 100n, d: 1n };

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export function q(n: bigint | number, d: bigint | number = 1n): Rational {
  let nn = typeof n === "bigint" ? n : BigInt(n);
  let dd = typeof d === "bigint" ? d : BigInt(d);
  if (dd === 0n) throw new RangeError("rational with zero denominator");
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  return { n: nn, d: dd };
}

const MAX_SAFE = 9007199254740991n;

/** Lowest terms. */
export function reduce(a: Rational): Rational {
  if (a.d === 1n) return a;
  if (a.n === 0n) return Q0;
  if (a.d <= MAX_SAFE && a.n <= MAX_SAFE && a.n >= -MAX_SAFE) {
    // Small enough for exact double arithmetic: Euclid on numbers is much faster than on bigints.
    let x = Math.abs(Number(a.n));
    let y = Number(a.d);
    while (y !== 0) {
      const t = x % y;
      x = y;
      y = t;
    }
    if (x === 1) return a;
    const g = BigInt(x);
    return { n: a.n / g, d: a.d / g };
  }
  const g = gcd(a.n, a.d);
  return g === 1n ? a : { n: a.n / g, d: a.d / g };
}

export function add(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return { n: a.n + b.n, d: a.d };
  return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}
export function sub(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return { n: a.n - b.n, d: a.d };
  return { n: a.n * b.d - b.n * a.d, d: a.d * b.d };
}
export function mul(a: Rational, b: Rational): Rational {
  return { n: a.n * b.n, d: a.d * b.d };
}
export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError("division by zero");
  return b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n };
}
export function cmp(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
export function sign(a: Rational): -1 | 0 | 1 {
  return a.n < 0n ? -1 : a.n > 0n ? 1 : 0;
}
export function isZero(a: Rational): boolean {
  return a.n === 0n;
}
export function eq(a: Rational, b: Rational): boolean {
  return cmp(a, b) === 0;
}
export function sum(items: readonly Rational[]): Rational {
  let acc = Q0;
  for (const x of items) acc = add(acc, x);
  return acc;
}

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Exact value of a decimal string ("78.5", "-3", "1e-7", "152340.50"). */
export function parseDecimal(s: string): Rational {
  const m = DECIMAL_RE.exec(s.trim());
  if (!m) throw new RangeError(`not a decimal number: ${s}`);
  const [, sg, int, frac = "", exp = "0"] = m;
  let n = BigInt(int! + frac);
  const scale = frac.length - Number(exp);
  if (sg === "-") n = -n;
  if (scale >= 0) return reduce({ n, d: 10n ** BigInt(scale) });
  return { n: n * 10n ** BigInt(-scale), d: 1n };
}

const POW10: bigint[] = Array.from({ length: 30 }, (_, i) => 10n ** BigInt(i));

/** Exact value of a finite JSON number, read as the decimal it is written as. */
export function fromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (Number.isSafeInteger(x)) return { n: BigInt(x), d: 1n };
  // At most 2 decimals (the usual plan or fact): x is the double nearest to k / 100, and no other
  // decimal with at most 2 places is that near, so the written decimal is exactly k / 100.
  const k = Math.round(x * 100);
  if (k / 100 === x && Number.isSafeInteger(k)) {
    const g =
      k % 100 === 0
        ? 100
        : k % 50 === 0
          ? 50
          : k % 25 === 0
            ? 25
            : k % 20 === 0
              ? 20
              : k % 10 === 0
                ? 10
                : k % 5 === 0
                  ? 5
                  : k % 4 === 0
                    ? 4
                    : k % 2 === 0
                      ? 2
                      : 1;
    return { n: BigInt(k / g), d: BigInt(100 / g) };
  }
  const text = String(x);
  const dot = text.indexOf(".");
  if (dot > 0 && text.indexOf("e") < 0) {
    // The common case: plain decimal notation, e.g. "78.5" or "-0.07".
    const decimals = text.length - dot - 1;
    if (decimals < POW10.length) return { n: BigInt(text.slice(0, dot) + text.slice(dot + 1)), d: POW10[decimals]! };
  }
  return parseDecimal(text);
}

/** Bit length of a positive bigint, possibly 1 too high or too low (callers allow for it). */
function bitLength(a: bigint): number {
  const x = Number(a);
  if (x < 2 ** 1000) return Math.floor(Math.log2(x)) + 1;
  const hex = a.toString(16);
  return hex.length * 4 - (Math.clz32(parseInt(hex[0]!, 16)) - 28);
}

/** The double nearest to the exact value (ties to even): the number a JSON result carries. */
export function toNumber(a: Rational): number {
  if (a.n === 0n) return 0;
  // Both parts exact in a double: IEEE division rounds the exact quotient to nearest, ties to even.
  if (a.n <= 9007199254740992n && a.n >= -9007199254740992n && a.d <= 9007199254740992n) return Number(a.n) / Number(a.d);
  const neg = a.n < 0n;
  const num = neg ? -a.n : a.n;
  const den = a.d;
  if (den === 1n && num <= 9007199254740992n) return neg ? -Number(num) : Number(num);
  // Choose s so that floor(num * 2^s / den) has at least 54 bits (the estimate may be off by 2).
  let s = 57 - (bitLength(num) - bitLength(den));
  if (s > 1074 || s < -970) {
    const approx = Number(num) / Number(den);
    return neg ? -approx : approx;
  }
  const scaledNum = s >= 0 ? num << BigInt(s) : num;
  const scaledDen = s >= 0 ? den : den << BigInt(-s);
  let quo = scaledNum / scaledDen;
  let rem = scaledNum - quo * scaledDen;
  let denom = scaledDen;
  // Bring quo into [2^52, 2^53), keeping the discarded part exact in (rem, denom).
  while (quo >= 9007199254740992n) {
    const bit = quo & 1n;
    quo >>= 1n;
    rem = rem + bit * denom;
    denom *= 2n;
    s -= 1;
  }
  const twice = rem * 2n;
  if (twice > denom || (twice === denom && (quo & 1n) === 1n)) quo += 1n;
  const value = Number(quo) * Math.pow(2, -s);
  return neg ? -value : value;
}

/** Half-up rounding to `decimals` places, as a string with a point: "95.70". */
export function toFixed(a: Rational, decimals = 2): string {
  const neg = a.n < 0n;
  const num = neg ? -a.n : a.n;
  const scale = 10n ** BigInt(decimals);
  const x = num * scale;
  let quo = x / a.d;
  const rem = x - quo * a.d;
  if (rem * 2n >= a.d) quo += 1n;
  const digits = quo.toString().padStart(decimals + 1, "0");
  const int = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  const zero = quo === 0n;
  return `${neg && !zero ? "-" : ""}${int}${decimals > 0 ? "." + frac : ""}`;
}

/** Exact decimal if the value has a finite one of at most `maxDecimals` places, else null. */
export function toExactDecimal(r: Rational, maxDecimals = 20): string | null {
  for (let k = 0; k <= maxDecimals; k++) {
    const scale = 10n ** BigInt(k);
    if ((r.n * scale) % r.d === 0n) {
      return k === 0 ? ((r.n * scale) / r.d).toString() : toFixed(r, k);
    }
  }
  return null;
}

/** For people: the exact decimal when it has at most `decimals` places, else rounded half up with "≈". Decimal comma. */
export function show(a: Rational, decimals = 2): string {
  if (a.d === 1n) return a.n.toString();
  const neg = a.n < 0n;
  const num = neg ? -a.n : a.n;
  const scale = POW10[decimals] ?? 10n ** BigInt(decimals);
  const x = num * scale;
  let quo = x / a.d;
  const rem = x - quo * a.d;
  const exact = rem === 0n;
  if (!exact && rem * 2n >= a.d) quo += 1n;
  const digits = quo.toString().padStart(decimals + 1, "0");
  const int = digits.slice(0, digits.length - decimals);
  let frac = digits.slice(digits.length - decimals);
  if (exact) frac = frac.replace(/0+$/, "");
  const sign = neg && quo !== 0n ? "-" : "";
  const text = `${sign}${int}${frac ? "," + frac : ""}`;
  return exact ? text : "≈" + text;
}
