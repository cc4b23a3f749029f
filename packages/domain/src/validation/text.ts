/**
 * What a text may hold, wherever it comes from (a form, an API call, a pasted block, an imported
 * file): no control characters (NUL, which PostgreSQL refuses in text, and the rest of C0/C1 but
 * tab, line feed and carriage return), and a required text is not satisfied by characters that
 * show nothing (spaces of every kind, zero-width spaces and joiners, the word joiner, the byte
 * order mark, soft hyphens, direction marks, fillers).
 */

/** C0 and C1 controls (\p{Cc}: U+0000–U+001F, U+007F–U+009F) but tab, line feed, carriage return. */
const CONTROL_RE = /(?![\t\n\r])\p{Cc}/u;

/**
 * Characters that show nothing: white space of every kind and the default-ignorable code points
 * (U+00AD, U+034F, U+115F, U+1160, U+180E, U+200B–U+200F, U+202A–U+202E, U+2060–U+206F,
 * U+3164, U+FE00–U+FE0F, U+FEFF, U+FFA0, …), and controls.
 */
const INVISIBLE_RE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}]/gu;
const INVISIBLE_EDGES_RE = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}]+|[\p{White_Space}\p{Default_Ignorable_Code_Point}]+$/gu;

/** The index of the first control character other than tab, line feed and carriage return, or -1. */
export function controlCharIndex(s: string): number {
  const m = CONTROL_RE.exec(s);
  return m ? m.index : -1;
}

export function hasControlChars(s: string): boolean {
  return CONTROL_RE.test(s);
}

/** True when the text shows nothing: empty, or only spaces and invisible characters. */
export function isBlankText(s: string): boolean {
  return s.replace(INVISIBLE_RE, "") === "";
}

/** The text without spaces and invisible characters at its ends ("\u200B МП-1\u00A0" → "МП-1"). */
export function trimText(s: string): string {
  return s.replace(INVISIBLE_EDGES_RE, "");
}

/** The message for a text holding a control character, in Russian and English, naming where. */
export function controlCharMessage(s: string): { ru: string; en: string } | null {
  const i = controlCharIndex(s);
  if (i < 0) return null;
  const code = `U+${s.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0")}`;
  return {
    ru: `содержит недопустимый управляющий символ ${code} (позиция ${i + 1})`,
    en: `contains a forbidden control character ${code} (position ${i + 1})`,
  };
}

/**
 * A stored or submitted field value as text: a string as it is, a number, bigint or boolean as
 * `String` writes it, a Date as its ISO form, null and undefined as "", and anything else (an
 * object or an array, which no scalar field holds) as its JSON, so that a wrong value reads as
 * what it is rather than as "[object Object]".
 */
export function valueText(v: unknown): string {
  switch (typeof v) {
    case "string":
      return v;
    case "number":
    case "bigint":
    case "boolean":
      return String(v);
    case "undefined":
      return "";
    case "object":
      if (v === null) return "";
      return v instanceof Date ? v.toISOString() : JSON.stringify(v);
    default:
      // a symbol or a function: not a value a record holds
      return "";
  }
}
