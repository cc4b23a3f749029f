/**
 * Issue 14, parts 3 and 7 (pure): organisations as authors of proposals (their INN and OGRN
 * checked by the control digits of the Federal Tax Service's rules), the limits of files attached
 * to a proposal, the decisions on abuse reports, and the council's roles and linked documents.
 */
import type { FieldIssue } from "../errors.ts";

/** An organisation on whose behalf a resident makes a proposal. */
export interface ProposalOrganisation {
  name: string;
  /** ИНН: 10 digits (a legal entity) or 12 (an individual entrepreneur) */
  inn: string | null;
  /** ОГРН (13 digits) or ОГРНИП (15 digits) */
  ogrn: string | null;
  /** the resident's role in it (director, representative by power of attorney…) */
  role: string;
}

const digits = (s: string) => [...s].map(Number);

/** Whether an INN's control digits hold (10 digits: one; 12 digits: two). */
export function innValid(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return false;
  const d = digits(inn);
  const check = (weights: number[]) => (weights.reduce((s, w, i) => s + w * d[i]!, 0) % 11) % 10;
  if (d.length === 10) return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  return check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] && check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11];
}

/** Whether an OGRN (13 digits, remainder by 11) or OGRNIP (15 digits, remainder by 13) holds. */
export function ogrnValid(ogrn: string): boolean {
  if (!/^\d{13}$|^\d{15}$/.test(ogrn)) return false;
  const body = BigInt(ogrn.slice(0, -1));
  const mod = ogrn.length === 13 ? 11n : 13n;
  return Number((body % mod) % 10n) === Number(ogrn.slice(-1));
}

/** The issues of an organisation (paths under `prefix`), with INN and OGRN trimmed or null. */
export function organisationIssues(
  o: { name: string; inn?: string | null; ogrn?: string | null; role: string },
  prefix: string,
): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (!o.name.trim())
    out.push({ path: `${prefix}.name`, message: "Укажите наименование организации", messageEn: "The organisation's name is required" });
  if (!o.role.trim())
    out.push({
      path: `${prefix}.role`,
      message: "Укажите, кем вы являетесь в организации",
      messageEn: "Your role in the organisation is required",
    });
  const inn = o.inn?.trim();
  if (inn && !innValid(inn))
    out.push({
      path: `${prefix}.inn`,
      message: "ИНН: 10 или 12 цифр с верными контрольными цифрами",
      messageEn: "INN: 10 or 12 digits with valid check digits",
    });
  const ogrn = o.ogrn?.trim();
  if (ogrn && !ogrnValid(ogrn))
    out.push({
      path: `${prefix}.ogrn`,
      message: "ОГРН: 13 цифр (ОГРНИП — 15) с верной контрольной цифрой",
      messageEn: "OGRN: 13 digits (OGRNIP 15) with a valid check digit",
    });
  return out;
}

/** How the portal and the protocol name an organisation's proposal: the organisation, not the person. */
export function organisationAuthor(o: ProposalOrganisation): string {
  return o.name.trim();
}

/** Files a resident may attach to one proposal, and the size of each. */
export const PROPOSAL_FILE_LIMITS = { count: 3, bytes: 5 * 1024 * 1024 } as const;

/** A staff decision on an abuse report: hide the content, or keep it. */
export const ABUSE_DECISIONS = ["hide", "keep"] as const;
export type AbuseDecision = (typeof ABUSE_DECISIONS)[number];

// ---- the public council of strategic planning ------------------------------------------------

export const COUNCIL_ROLES = ["chair", "deputy", "secretary", "member"] as const;
export type CouncilRole = (typeof COUNCIL_ROLES)[number];
export const COUNCIL_ROLE_LABELS: Record<CouncilRole, string> = {
  chair: "председатель",
  deputy: "заместитель председателя",
  secretary: "секретарь",
  member: "член совета",
};

/** What an agenda item may be linked to: the documents of strategic planning and their publications. */
export const COUNCIL_DOCUMENT_KINDS = ["program", "strategy", "actionPlan", "publication"] as const;
export type CouncilDocumentKind = (typeof COUNCIL_DOCUMENT_KINDS)[number];
export const COUNCIL_DOCUMENT_KIND_LABELS: Record<CouncilDocumentKind, string> = {
  program: "муниципальная программа",
  strategy: "стратегия",
  actionPlan: "план мероприятий",
  publication: "проект на обсуждении / публикация",
};
