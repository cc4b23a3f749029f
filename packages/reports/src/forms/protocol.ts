/**
 * The protocol of a public discussion (issue 14, part 4) as a form: the list of proposals with
 * their authors (initials), places, decisions and reasons, then the counts by decision. Rendered
 * as DOCX and PDF by the same renderers as the forms of 220-п.
 */
import { PROPOSAL_DECISIONS, PROPOSAL_DECISION_LABELS, type ProtocolData } from "@orientir/domain";
import { formatDateRu, header, num, text, type FormDocument } from "./model.ts";
import { renderDocx, renderPdf } from "../render/index.ts";

export function discussionProtocolForm(d: ProtocolData): FormDocument {
  return {
    form: "discussionProtocol",
    title: [`Протокол общественного обсуждения № ${d.number} от ${formatDateRu(d.date)}`, d.title],
    info: [
      `Срок общественного обсуждения: ${formatDateRu(d.startsOn)} — ${formatDateRu(d.endsOn)}.`,
      `Поступило и рассмотрено предложений и замечаний: ${d.counts.total}.`,
      `Не допущено модератором (не по существу обсуждения): ${d.rejectedByModeration}.`,
    ],
    landscape: true,
    sheetName: "Протокол",
    fileName: `protocol-${d.number.replace(/[^\p{L}\p{N}-]+/gu, "-")}`,
    sections: [
      {
        columns: [4, 18, 22, 44, 14, 44],
        header: [
          [
            header("№"),
            header("Автор"),
            header("Место в документе"),
            header("Предложение (замечание)"),
            header("Решение"),
            header("Обоснование"),
          ],
        ],
        numbered: false,
        body: d.rows.map((r) => [
          text(String(r.n), { align: "center" }),
          text(r.author),
          text(r.place),
          text(`${r.kind === "remark" ? "Замечание: " : ""}${r.text}`),
          text(r.decisionLabel),
          text(r.reason),
        ]),
      },
      {
        title: ["Итоги рассмотрения"],
        columns: [40, 14],
        header: [[header("Решение"), header("Количество")]],
        numbered: false,
        body: [
          ...PROPOSAL_DECISIONS.map((k) => [text(PROPOSAL_DECISION_LABELS[k]), num(String(d.counts[k]))]),
          [text("Всего", { bold: true }), num(String(d.counts.total), { bold: true })],
        ],
      },
    ],
  };
}

/** The protocol's DOCX and PDF. */
export async function renderProtocol(d: ProtocolData): Promise<{ docx: Buffer; pdf: Buffer }> {
  const form = discussionProtocolForm(d);
  const [docx, pdf] = await Promise.all([renderDocx(form), renderPdf(form)]);
  return { docx, pdf };
}
