/**
 * The protocol of a finished public discussion (issue 14, part 4): every proposal made public,
 * with its author as the law lets the city publish them (initials, or an organisation), the
 * decision and its reason, and the counts by decision. Pure: the use case gives the proposals,
 * the reports package renders the result as DOCX and PDF.
 */
import type { FieldIssue } from "../errors.ts";
import { PROPOSAL_DECISIONS, PROPOSAL_DECISION_LABELS, type ProposalDecision } from "./rules.ts";

export interface ProtocolProposal {
  id: string;
  kind: "proposal" | "remark";
  authorName: string;
  anchorLabel: string;
  text: string;
  moderation: "pending" | "published" | "rejected";
  decision: ProposalDecision | null;
  answer: string | null;
  createdAt: string;
}

export interface ProtocolRow {
  n: number;
  proposalId: string;
  kind: "proposal" | "remark";
  author: string;
  place: string;
  text: string;
  decision: ProposalDecision;
  decisionLabel: string;
  reason: string;
}

export interface ProtocolData {
  number: string;
  date: string;
  title: string;
  startsOn: string;
  endsOn: string;
  rows: ProtocolRow[];
  counts: Record<ProposalDecision, number> & { total: number };
  /** proposals refused by moderation (not on the substance: abuse, advertising), counted, not listed */
  rejectedByModeration: number;
}

/**
 * The protocol's data, or the issues that prevent it: a proposal still awaiting moderation or
 * an answer (each named by its place in the list of proposals).
 */
export function protocolData(
  head: { number: string; date: string; title: string; startsOn: string; endsOn: string },
  proposals: readonly ProtocolProposal[],
): { value: ProtocolData } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const ordered = [...proposals].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  const rows: ProtocolRow[] = [];
  const counts = { accepted: 0, partly: 0, rejected: 0, outOfScope: 0, total: 0 };
  let rejectedByModeration = 0;
  for (const p of ordered) {
    if (p.moderation === "rejected") {
      rejectedByModeration++;
      continue;
    }
    if (p.moderation === "pending") {
      issues.push({ path: `proposals.${p.id}`, message: `Предложение ждет модерации: «${p.text.slice(0, 60)}»` });
      continue;
    }
    if (!p.decision || !p.answer) {
      issues.push({ path: `proposals.${p.id}`, message: `На предложение нет ответа: «${p.text.slice(0, 60)}»` });
      continue;
    }
    counts[p.decision]++;
    counts.total++;
    rows.push({
      n: rows.length + 1,
      proposalId: p.id,
      kind: p.kind,
      author: p.authorName,
      place: p.anchorLabel,
      text: p.text,
      decision: p.decision,
      decisionLabel: PROPOSAL_DECISION_LABELS[p.decision],
      reason: p.answer,
    });
  }
  if (issues.length) return { issues };
  return { value: { ...head, rows, counts, rejectedByModeration } };
}

/** «Учтено: 2; учтено частично: 1; …» */
export function protocolCountsText(c: ProtocolData["counts"]): string {
  return PROPOSAL_DECISIONS.map((d) => `${PROPOSAL_DECISION_LABELS[d].toLowerCase()}: ${c[d]}`).join("; ");
}
