/**
 * Citizens' appeals under Federal Law 59-ФЗ «О порядке рассмотрения обращений граждан Российской
 * Федерации» (issue 15, part 3): the terms of the law as data, the channels, the standard
 * classifier's sections and items (a representative subset), the retention rules, the deadlines.
 */
import type { Label } from "../model/fields.ts";
import { addDays, type IsoDate } from "../dates.ts";
import { shiftToWorkingDay, type WorkingCalendar } from "../calendar/calendar.ts";

export const APPEAL_CHANNELS = ["letter", "email", "portal", "reception", "social"] as const;
export type AppealChannel = (typeof APPEAL_CHANNELS)[number];
export const APPEAL_CHANNEL_LABELS: Record<AppealChannel, Label> = {
  letter: { ru: "Письмо", en: "Letter" },
  email: { ru: "Электронная почта", en: "E-mail" },
  portal: { ru: "Форма на портале", en: "Portal form" },
  reception: { ru: "Личный прием", en: "Personal reception" },
  social: { ru: "Социальные сети", en: "Social networks" },
};

export const APPEAL_STATES = ["registered", "inWork", "redirected", "answered", "notAnswered", "stopped"] as const;
export type AppealState = (typeof APPEAL_STATES)[number];

/** The terms of 59-ФЗ, each with its article: the single place the numbers live. */
export const LAW_59_TERMS = {
  /** Art. 8 p. 2: registration within three days of receipt. */
  registrationDays: { days: 3, kind: "calendar", clause: "59-ФЗ ст. 8 ч. 2" },
  /** Art. 8 p. 3: redirection to the competent body within seven days of registration, with notice. */
  redirectionDays: { days: 7, kind: "calendar", clause: "59-ФЗ ст. 8 ч. 3" },
  /** Art. 12 p. 1: the answer within 30 days of registration. */
  answerDays: { days: 30, kind: "calendar", clause: "59-ФЗ ст. 12 ч. 1" },
  /** Art. 12 p. 2: one extension of at most 30 days, with notice to the author. */
  extensionDays: { days: 30, kind: "calendar", clause: "59-ФЗ ст. 12 ч. 2", times: 1 },
} as const;

/** Anonymous appeals (no name or postal/e-mail address to answer): registered, not answered (art. 11 p. 1). */
export const ANONYMOUS_CLAUSE = "59-ФЗ ст. 11 ч. 1";
/** Repeated appeals: the correspondence may be stopped with notice (art. 11 p. 5). */
export const REPEATED_CLAUSE = "59-ФЗ ст. 11 ч. 5";

/** The last day to register an appeal received on `receivedOn`. */
export function registrationDeadline(receivedOn: IsoDate): IsoDate {
  return addDays(receivedOn, LAW_59_TERMS.registrationDays.days);
}
/** The last day to redirect an appeal registered on `registeredOn`. */
export function redirectionDeadline(registeredOn: IsoDate): IsoDate {
  return addDays(registeredOn, LAW_59_TERMS.redirectionDays.days);
}
/**
 * The answer's deadline: 30 days from registration; when the last day is a day off, the next
 * working day (Civil Code art. 193, as the practice of the law's application counts).
 */
export function answerDeadline(registeredOn: IsoDate, cal: WorkingCalendar | null): IsoDate {
  const d = addDays(registeredOn, LAW_59_TERMS.answerDays.days);
  if (!cal) return d;
  try {
    return shiftToWorkingDay(cal, d, "forward");
  } catch {
    return d;
  }
}
/** The deadline after the one extension: at most 30 days more; a longer one is refused. */
export function extendedDeadline(due: IsoDate, newDue: IsoDate): { ok: true; due: IsoDate } | { ok: false; message: string } {
  if (newDue <= due) return { ok: false, message: "новый срок должен быть позже текущего" };
  if (newDue > addDays(due, LAW_59_TERMS.extensionDays.days))
    return {
      ok: false,
      message: `срок продлевается не более чем на ${LAW_59_TERMS.extensionDays.days} дней (${LAW_59_TERMS.extensionDays.clause})`,
    };
  return { ok: true, due: newDue };
}

/** An appeal without a name or without an address to answer to is anonymous: it is not answered. */
export function isAnonymous(a: { authorName: string | null; authorAddress: string | null; authorEmail: string | null }): boolean {
  const blank = (s: string | null) => s === null || s.trim() === "";
  return blank(a.authorName) || (blank(a.authorAddress) && blank(a.authorEmail));
}

/** A name or an address normalised to recognise the same author: lower case, «ё» as «е», single spaces, no punctuation. */
export function personKey(s: string | null): string | null {
  if (s === null) return null;
  const k = s
    .toLowerCase()
    .replaceAll("ё", "е")
    .replace(/[.,;:«»"'()№-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return k === "" ? null : k;
}

/**
 * The standard classifier of appeals (Типовой общероссийский тематический классификатор обращений):
 * its five sections and a representative subset of items, with codes in the classifier's
 * four-level format. The subset and its codes are seed data to be checked against the published
 * classifier by the office before production use; a municipality's full list replaces it as data.
 */
export interface ClassifierSection {
  code: string;
  title: string;
  items: readonly { code: string; title: string }[];
}
export const APPEAL_CLASSIFIER: readonly ClassifierSection[] = [
  {
    code: "0001",
    title: "Государство, общество, политика",
    items: [
      { code: "0001.0001.0001.0001", title: "Конституционный строй" },
      { code: "0001.0002.0024.0143", title: "Работа органов местного самоуправления" },
      { code: "0001.0002.0027.0174", title: "Благодарности, приглашения, поздравления" },
    ],
  },
  {
    code: "0002",
    title: "Социальная сфера",
    items: [
      { code: "0002.0007.0064.0247", title: "Социальная поддержка граждан" },
      { code: "0002.0013.0141.0485", title: "Дошкольное образование" },
      { code: "0002.0014.0143.0510", title: "Здравоохранение" },
    ],
  },
  {
    code: "0003",
    title: "Экономика",
    items: [
      { code: "0003.0009.0097.0692", title: "Благоустройство и ремонт подъездных дорог, тротуаров" },
      { code: "0003.0009.0097.0698", title: "Уличное освещение" },
      { code: "0003.0009.0099.0725", title: "Транспортное обслуживание населения" },
      { code: "0003.0008.0086.0636", title: "Градостроительство и архитектура" },
      { code: "0003.0011.0122.0816", title: "Уборка снега, вывоз мусора" },
    ],
  },
  {
    code: "0004",
    title: "Оборона, безопасность, законность",
    items: [{ code: "0004.0016.0163.1073", title: "Безопасность дорожного движения" }],
  },
  {
    code: "0005",
    title: "Жилищно-коммунальная сфера",
    items: [
      { code: "0005.0005.0054.1121", title: "Капитальный ремонт общего имущества" },
      { code: "0005.0005.0055.1149", title: "Коммунальные услуги, тарифы, оплата" },
      { code: "0005.0005.0056.1153", title: "Содержание общего имущества" },
      { code: "0005.0005.0057.1173", title: "Переселение из аварийного жилья" },
      { code: "0005.0005.0058.1180", title: "Предоставление жилья по договору социального найма" },
    ],
  },
];

export const APPEAL_TOPICS: ReadonlyMap<string, { section: ClassifierSection; title: string }> = new Map(
  APPEAL_CLASSIFIER.flatMap((s) => s.items.map((i) => [i.code, { section: s, title: i.title }] as const)),
);

/** The section of a topic code (its first four digits). */
export function topicSection(code: string): ClassifierSection | null {
  return APPEAL_CLASSIFIER.find((s) => code.startsWith(`${s.code}.`)) ?? null;
}

/**
 * Retention of appeals' personal data as data: how many years after the appeal is closed its
 * personal data is kept (the term of the list of standard archival documents the office applies;
 * to be confirmed by the municipality's archive). After the term the author's name, address and
 * e-mail are erased; the appeal itself stays counted in the statistics.
 */
export const APPEAL_RETENTION_RULES = [
  { id: "ordinary", years: 5, clause: "перечень типовых архивных документов (обращения граждан): 5 лет" },
  { id: "anonymous", years: 5, clause: "перечень типовых архивных документов (обращения граждан): 5 лет" },
] as const;
export type AppealRetention = (typeof APPEAL_RETENTION_RULES)[number]["id"];

/** The day after which an appeal's personal data is purged: the end of the year `years` after it closed. */
export function purgeAfter(closedOn: IsoDate, rule: AppealRetention): IsoDate {
  const r = APPEAL_RETENTION_RULES.find((x) => x.id === rule)!;
  return `${Number(closedOn.slice(0, 4)) + r.years}-12-31`;
}

/** A tracking code a resident follows the appeal by: 12 characters of an unambiguous alphabet, given random bytes. */
export const TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export function trackingCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < 12) throw new RangeError("12 random bytes are needed");
  let s = "";
  for (let i = 0; i < 12; i++) s += TRACKING_ALPHABET[bytes[i]! % TRACKING_ALPHABET.length];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}
