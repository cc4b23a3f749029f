/**
 * The documents attached to a draft (decree 220-п): to a new program the financial-economic
 * justification and the methodologies of calculation of the metrics and indicators (4.7); to an
 * amendment the justification, and the methodology when it adds indicators (4.7.1); to a direction's
 * order the justification (4.19). The explanatory note is made by the system and the discussion
 * protocol is a step of the workflow, so they are not listed here. Whether a draft may go to review
 * without them is the municipality's setting. Pure.
 */
import type { Label } from "../model/fields.ts";
import type { Flow, WorkflowKind } from "./definition.ts";

export const ATTACHMENT_KINDS = ["financialJustification", "methodology", "other"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, Label> = {
  financialJustification: {
    ru: "Финансово-экономическое обоснование финансовых ресурсов",
    en: "Financial-economic justification of the resources",
  },
  methodology: { ru: "Методика расчета показателей и индикаторов", en: "Methodology of calculation of the metrics and indicators" },
  other: { ru: "Иной документ", en: "Other document" },
};

export interface RequiredAttachment {
  kind: AttachmentKind;
  clause: string;
}

/** What a draft needs attached before review: by its flow and kind, and whether it adds program indicators. */
export function requiredAttachments(flow: Flow, kind: WorkflowKind, addsIndicators: boolean): RequiredAttachment[] {
  if (flow === "directionOrder") return [{ kind: "financialJustification", clause: "220-п 4.19" }];
  if (kind === "program")
    return [
      { kind: "financialJustification", clause: "220-п 4.7" },
      { kind: "methodology", clause: "220-п 4.7" },
    ];
  const out: RequiredAttachment[] = [{ kind: "financialJustification", clause: "220-п 4.7.1" }];
  if (addsIndicators) out.push({ kind: "methodology", clause: "220-п 4.7.1" });
  return out;
}

/** The required attachments the draft lacks. */
export function missingAttachments(required: readonly RequiredAttachment[], attached: readonly { kind: string }[]): RequiredAttachment[] {
  return required.filter((r) => !attached.some((a) => a.kind === r.kind));
}
