/**
 * The registry of documents of the office (issue 15, part 1): the kinds of documents, their
 * registration numbers by numbering rules kept as data (per kind and year), the links between
 * documents. Pure: the counter that gives the next sequence number atomically lives in the database.
 */
import type { Label } from "../model/fields.ts";

/**
 * Kinds of registered documents: incoming (from organisations and authorities), outgoing, internal,
 * and other (contracts, powers of attorney). Source 003 counts «прочие» as contracts, powers of
 * attorney and internal documents together (`OFFICE_REPORT_OTHER_KINDS`).
 */
export const DOCUMENT_KINDS = ["incoming", "outgoing", "internal", "other"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, Label> = {
  incoming: { ru: "Входящий", en: "Incoming" },
  outgoing: { ru: "Исходящий", en: "Outgoing" },
  internal: { ru: "Внутренний", en: "Internal" },
  other: { ru: "Прочий (договор, доверенность)", en: "Other (contract, power of attorney)" },
};

/** What may be numbered: the documents' kinds, orders on control, citizens' appeals. */
export const NUMBERING_KINDS = [...DOCUMENT_KINDS, "order", "appeal"] as const;
export type NumberingKind = (typeof NUMBERING_KINDS)[number];

/**
 * A numbering rule: `pattern` with the placeholders {prefix}, {seq} (the sequence number within the
 * kind and year, from 1), {seq4} (zero-padded to 4), {yyyy} and {yy} (the year). The sequence
 * restarts every year, so the year must be in the number (or the numbers repeat): checked.
 */
export interface NumberingRule {
  kind: NumberingKind;
  prefix: string;
  pattern: string;
}

export const DEFAULT_NUMBERING_RULES: Readonly<Record<NumberingKind, NumberingRule>> = {
  incoming: { kind: "incoming", prefix: "Вх", pattern: "{prefix}-{seq}/{yy}" },
  outgoing: { kind: "outgoing", prefix: "Исх", pattern: "{prefix}-{seq}/{yy}" },
  internal: { kind: "internal", prefix: "Вн", pattern: "{prefix}-{seq}/{yy}" },
  other: { kind: "other", prefix: "Пр", pattern: "{prefix}-{seq}/{yy}" },
  order: { kind: "order", prefix: "П", pattern: "{prefix}-{seq}/{yy}" },
  appeal: { kind: "appeal", prefix: "ОГ", pattern: "{prefix}-{seq4}/{yyyy}" },
};

/** The problems of a rule (empty when it is usable). */
export function numberingRuleIssues(rule: { prefix: string; pattern: string }): string[] {
  const out: string[] = [];
  if (!/^[\p{L}\p{N}-]{1,20}$/u.test(rule.prefix)) out.push("префикс: от 1 до 20 букв, цифр или дефисов");
  if (!/\{seq4?\}/.test(rule.pattern)) out.push("шаблон должен содержать {seq} или {seq4}");
  if (!/\{yy(yy)?\}/.test(rule.pattern)) out.push("шаблон должен содержать год ({yy} или {yyyy}): нумерация начинается заново каждый год");
  const unknown = [...rule.pattern.matchAll(/\{([^}]*)\}/g)]
    .map((m) => m[1]!)
    .filter((p) => !["prefix", "seq", "seq4", "yy", "yyyy"].includes(p));
  if (unknown.length) out.push(`неизвестные подстановки: ${unknown.map((u) => `{${u}}`).join(", ")}`);
  if (rule.pattern.length > 60) out.push("шаблон длиннее 60 знаков");
  return out;
}

/** The registration number of the `seq`-th document of its kind in `year` under `rule`. */
export function formatRegistrationNumber(rule: Pick<NumberingRule, "prefix" | "pattern">, seq: number, year: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`sequence number must be a positive integer: ${seq}`);
  return rule.pattern
    .replaceAll("{prefix}", rule.prefix)
    .replaceAll("{seq4}", String(seq).padStart(4, "0"))
    .replaceAll("{seq}", String(seq))
    .replaceAll("{yyyy}", String(year))
    .replaceAll("{yy}", String(year % 100).padStart(2, "0"));
}

/**
 * The registration number with everything but the sequence number filled in: `{seq4}` and `{seq}`
 * left for the database to fill with the counter's number in the statement that takes it (the
 * prefix has no braces and the year gives digits, so the order of the replacements is
 * `formatRegistrationNumber`'s).
 */
export function registrationNumberTemplate(rule: Pick<NumberingRule, "prefix" | "pattern">, year: number): string {
  return rule.pattern
    .replaceAll("{prefix}", rule.prefix)
    .replaceAll("{yyyy}", String(year))
    .replaceAll("{yy}", String(year % 100).padStart(2, "0"));
}

/** Links between documents: an answer to a document, a document made in execution of another. */
export const DOCUMENT_LINK_KINDS = ["answerTo", "inExecutionOf"] as const;
export type DocumentLinkKind = (typeof DOCUMENT_LINK_KINDS)[number];
export const DOCUMENT_LINK_LABELS: Record<DocumentLinkKind, Label> = {
  answerTo: { ru: "ответ на", en: "answer to" },
  inExecutionOf: { ru: "во исполнение", en: "in execution of" },
};

/**
 * Which links make sense: an answer is an outgoing (or internal) document answering an incoming
 * one; anything may be made in execution of another document.
 */
export function documentLinkIssue(kind: DocumentLinkKind, from: DocumentKind, to: DocumentKind): string | null {
  if (kind === "answerTo" && !(from === "outgoing" || from === "internal")) return "ответом может быть исходящий или внутренний документ";
  if (kind === "answerTo" && to !== "incoming") return "ответ дается на входящий документ";
  return null;
}
