/**
 * The answer to a citizen's appeal as a letter (issue 15, part 3): the addressee, the reference to
 * the appeal, the answer's text, the date — DOCX or PDF by the common renderers.
 */
import type { FormDocument } from "./model.ts";

export interface AppealLetterInput {
  municipality: string;
  number: string;
  registeredOn: string;
  authorName: string | null;
  authorAddress: string | null;
  answerText: string;
  answeredOn: string;
}

const ru = (d: string) => d.split("-").reverse().join(".");

export function appealLetterForm(l: AppealLetterInput): FormDocument {
  const to = [l.authorName, l.authorAddress].filter((x): x is string => !!x);
  return {
    form: "appeal-letter",
    title: [l.municipality, `Ответ на обращение № ${l.number} от ${ru(l.registeredOn)}`],
    info: [...to, "", ...l.answerText.split(/\r?\n/), "", `Дата ответа: ${ru(l.answeredOn)}`],
    landscape: false,
    sheetName: `Ответ ${l.number}`.slice(0, 31),
    fileName: `Ответ_на_обращение_${l.number.replace(/[^\p{L}\p{N}-]+/gu, "_")}`,
    sections: [],
  };
}
