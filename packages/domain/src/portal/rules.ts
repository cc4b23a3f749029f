/**
 * The rules of the public portal as data and pure functions: the term of a public discussion,
 * the decisions of an official answer, the eligibility of a voter, the count of a rating vote,
 * and open data as CSV.
 */
import type { FieldIssue } from "../errors.ts";

/**
 * The minimum term of a public discussion. Decree 220-п (4.5) sends the discussion of draft
 * programs to the city's own order (Kaluga: постановление Городской Управы от 27.03.2018 № 103-п);
 * its term is not in our sources, so the floor here is one day and the municipality's own minimum
 * (`portal_setting.min_discussion_days`, 30 by default) is the rule applied.
 */
export const DISCUSSION_TERM_RULES = {
  decreeMinDays: 1,
  source: "220-п п. 4.5: порядок общественного обсуждения — постановление Городской Управы г. Калуги от 27.03.2018 № 103-п",
} as const;

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Issues of a discussion's term (start and end as plain dates; the end is the last day). */
export function discussionTermIssues(startsOn: string, endsOn: string, municipalityMinDays: number): FieldIssue[] {
  const min = Math.max(DISCUSSION_TERM_RULES.decreeMinDays, municipalityMinDays);
  const days = daysBetween(startsOn, endsOn) + 1;
  if (days < 1) return [{ path: "endsOn", message: "Окончание обсуждения раньше его начала", messageEn: "The end is before the start" }];
  if (days < min)
    return [
      {
        path: "endsOn",
        message: `Срок обсуждения ${days} дн. меньше минимального (${min} дн., правило муниципального образования)`,
        messageEn: `The term of ${days} days is below the minimum of ${min} days`,
        rule: "discussion.minTerm",
      },
    ];
  return [];
}

export const PROPOSAL_DECISIONS = ["accepted", "partly", "rejected", "outOfScope"] as const;
export type ProposalDecision = (typeof PROPOSAL_DECISIONS)[number];
export const PROPOSAL_DECISION_LABELS: Record<ProposalDecision, string> = {
  accepted: "Учтено",
  partly: "Учтено частично",
  rejected: "Отклонено",
  outOfScope: "Вне предмета документа",
};

/** What an answer needs: a text always; a rejection or an out-of-scope answer states its reason in it. */
export function answerIssues(decision: string, answer: string): FieldIssue[] {
  if (!(PROPOSAL_DECISIONS as readonly string[]).includes(decision))
    return [{ path: "decision", message: `Решение — одно из: ${PROPOSAL_DECISIONS.join(", ")}` }];
  if (answer.trim().length < 10)
    return [
      {
        path: "answer",
        message: "Ответ должен содержать обоснование решения (не короче 10 знаков)",
        messageEn: "The answer must give a reason",
      },
    ];
  return [];
}

/** The eligibility rules of a vote, as stored (vote.eligibility). */
export interface Eligibility {
  /** Age reached in the year of the vote's start (by year of birth). */
  minAge: number | null;
  /**
   * A verified identity: a confirmed e-mail (sign-in by a code confirms it) or the identity
   * provider's (OpenID Connect, e.g. ЕСИА), which is at least as strong.
   */
  confirmedEmail: boolean;
  /** The resident must have given an address in the profile. */
  address: boolean;
  /**
   * Only an identity verified by the deployment's identity provider counts; the year of birth and
   * the address then count only as the provider vouched for them.
   */
  identityProvider: boolean;
}

export const DEFAULT_ELIGIBILITY: Eligibility = { minAge: 14, confirmedEmail: true, address: false, identityProvider: false };

const ELIGIBILITY_FLAGS = ["confirmedEmail", "address", "identityProvider"] as const;

/** Reads stored or submitted rules, naming a wrong field. */
export function parseEligibility(v: unknown, path = "eligibility"): { value: Eligibility } | { issues: FieldIssue[] } {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return { issues: [{ path, message: "Ожидается объект правил" }] };
  const o = v as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  for (const k of Object.keys(o))
    if (k !== "minAge" && !(ELIGIBILITY_FLAGS as readonly string[]).includes(k))
      issues.push({ path: `${path}.${k}`, message: "Неизвестное правило" });
  const minAge = o.minAge ?? null;
  if (minAge !== null && (typeof minAge !== "number" || !Number.isInteger(minAge) || minAge < 0 || minAge > 120))
    issues.push({ path: `${path}.minAge`, message: "Возраст — целое число от 0 до 120" });
  for (const k of ELIGIBILITY_FLAGS)
    if (o[k] !== undefined && typeof o[k] !== "boolean") issues.push({ path: `${path}.${k}`, message: "Ожидается да/нет" });
  if (issues.length) return { issues };
  return {
    value: {
      minAge: minAge as number | null,
      confirmedEmail: o.confirmedEmail === true,
      address: o.address === true,
      identityProvider: o.identityProvider === true,
    },
  };
}

export interface VoterFacts {
  birthYear: number | null;
  emailConfirmed: boolean;
  address: string | null;
  /** The identity provider vouched for the resident (signed in through it). */
  identityVerified?: boolean;
  /** The year of birth, the address came from the provider. */
  birthYearVerified?: boolean;
  addressVerified?: boolean;
}

/** Why the resident may not vote, or null when they may. */
export function ineligibility(rules: Eligibility, voter: VoterFacts, voteYear: number): string | null {
  const byProvider = rules.identityProvider === true;
  if (byProvider && !voter.identityVerified)
    return "Голосуют жители, подтвердившие личность через поставщика идентификации (например, Госуслуги): войдите через него";
  if (rules.minAge !== null) {
    if (byProvider && !voter.birthYearVerified)
      return `Голосуют жители от ${rules.minAge} лет: поставщик идентификации не подтвердил год рождения`;
    if (voter.birthYear === null) return `Голосуют жители от ${rules.minAge} лет: укажите год рождения в профиле`;
    if (voteYear - voter.birthYear < rules.minAge) return `Голосуют жители от ${rules.minAge} лет`;
  }
  if (rules.confirmedEmail && !voter.emailConfirmed && !voter.identityVerified)
    return "Нужен подтвержденный адрес электронной почты или вход через поставщика идентификации";
  if (rules.address) {
    if (byProvider && !voter.addressVerified) return "Поставщик идентификации не подтвердил адрес";
    if (!voter.address?.trim()) return "Укажите адрес в профиле";
  }
  return null;
}

/** Issues of a ballot's choices against the vote's options and its number of choices. */
export function choiceIssues(choices: string[], optionIds: string[], maxChoices: number): FieldIssue[] {
  if (choices.length === 0) return [{ path: "choices", message: "Выберите хотя бы один вариант" }];
  if (choices.length > maxChoices) return [{ path: "choices", message: `Можно выбрать не больше ${maxChoices}` }];
  if (new Set(choices).size !== choices.length) return [{ path: "choices", message: "Вариант выбран дважды" }];
  const known = new Set(optionIds);
  const bad = choices.findIndex((c) => !known.has(c));
  if (bad >= 0) return [{ path: `choices.${bad}`, message: "Нет такого варианта" }];
  return [];
}

export interface TallyOption {
  id: string;
  title: string;
  votes: number;
  winner: boolean;
}

/**
 * The count: votes per option from the ballots (each ballot a list of option ids), best first
 * (ties by the options' order); the `winners` best are winners, and an option tied with the last
 * winner is a winner too.
 */
export function tally(options: { id: string; title: string }[], ballots: { choices: string[] }[], winners: number): TallyOption[] {
  const counts = new Map(options.map((o) => [o.id, 0]));
  for (const b of ballots) for (const c of b.choices) if (counts.has(c)) counts.set(c, counts.get(c)! + 1);
  const order = new Map(options.map((o, i) => [o.id, i]));
  const sorted = options
    .map((o) => ({ id: o.id, title: o.title, votes: counts.get(o.id)! }))
    .sort((a, b) => b.votes - a.votes || order.get(a.id)! - order.get(b.id)!);
  const cut = sorted[Math.min(winners, sorted.length) - 1]?.votes ?? 0;
  return sorted.map((o) => ({ ...o, winner: o.votes > 0 && o.votes >= cut }));
}

/**
 * A CSV table (RFC 4180: CRLF, quotes doubled), UTF-8 with a BOM so that spreadsheet programs read
 * Cyrillic. A text that a spreadsheet would run as a formula (=, +, @, or - not followed by a
 * number) is prefixed with an apostrophe.
 */
export function toCsv(header: string[], rows: (string | number | boolean | null)[][]): string {
  const cell = (v: string | number | boolean | null): string => {
    if (v === null) return "";
    let s = String(v);
    if (typeof v === "string" && (/^[=+@\t\r]/.test(s) || (/^-/.test(s) && !/^-\d+(\.\d+)?$/.test(s)))) s = `'${s}`;
    return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return "\uFEFF" + [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
