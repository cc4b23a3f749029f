/**
 * Surveys of residents (issue 14, part 5): what a valid response is, and the tally of the
 * responses per question — counts per option (single and multiple choice), the distribution and
 * mean of a scale, the number of free-text answers. Pure functions.
 */
import type { FieldIssue } from "../errors.ts";

export type SurveyQuestionKind = "single" | "multiple" | "scale" | "text";
export const SURVEY_QUESTION_KINDS: readonly SurveyQuestionKind[] = ["single", "multiple", "scale", "text"];
export const SURVEY_KIND_LABELS: Record<SurveyQuestionKind, string> = {
  single: "один вариант",
  multiple: "несколько вариантов",
  scale: "шкала",
  text: "свободный ответ",
};

export interface SurveyQuestionDef {
  id: string;
  kind: SurveyQuestionKind;
  text: string;
  options: string[];
  scaleMin: number | null;
  scaleMax: number | null;
  required: boolean;
}

/** One answer: the chosen options' indices, a scale's value, or a text. */
export interface SurveyAnswer {
  questionId: string;
  choices?: number[];
  value?: number;
  text?: string;
}

export const SURVEY_TEXT_MAX = 5000;

/** The issues of a response (empty: valid). Answers to unknown questions and a second answer to one question are issues too. */
export function checkSurveyAnswers(questions: readonly SurveyQuestionDef[], answers: readonly SurveyAnswer[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const byId = new Map(questions.map((q, i) => [q.id, { q, i }]));
  const seen = new Set<string>();
  for (const a of answers) {
    const hit = byId.get(a.questionId);
    if (!hit) {
      issues.push({ path: `answers.${a.questionId}`, message: "Нет такого вопроса в опросе" });
      continue;
    }
    const path = `answers.${hit.i + 1}`;
    if (seen.has(a.questionId)) issues.push({ path, message: "Второй ответ на тот же вопрос" });
    seen.add(a.questionId);
    const q = hit.q;
    if (q.kind === "single" || q.kind === "multiple") {
      const c = a.choices ?? [];
      if (c.some((x) => !Number.isInteger(x) || x < 0 || x >= q.options.length))
        issues.push({ path, message: `Вопрос ${hit.i + 1}: нет такого варианта` });
      else if (new Set(c).size !== c.length) issues.push({ path, message: `Вопрос ${hit.i + 1}: вариант выбран дважды` });
      else if (q.kind === "single" && c.length > 1) issues.push({ path, message: `Вопрос ${hit.i + 1}: выберите один вариант` });
      else if (c.length === 0 && q.required) issues.push({ path, message: `Вопрос ${hit.i + 1}: выберите вариант` });
    } else if (q.kind === "scale") {
      const v = a.value;
      if (v === undefined) {
        if (q.required) issues.push({ path, message: `Вопрос ${hit.i + 1}: укажите оценку` });
      } else if (!Number.isInteger(v) || v < q.scaleMin! || v > q.scaleMax!)
        issues.push({ path, message: `Вопрос ${hit.i + 1}: оценка от ${q.scaleMin} до ${q.scaleMax}` });
    } else {
      const t = (a.text ?? "").trim();
      if (t.length > SURVEY_TEXT_MAX) issues.push({ path, message: `Вопрос ${hit.i + 1}: не больше ${SURVEY_TEXT_MAX} знаков` });
      else if (!t && q.required) issues.push({ path, message: `Вопрос ${hit.i + 1}: напишите ответ` });
    }
  }
  questions.forEach((q, i) => {
    if (q.required && !seen.has(q.id)) issues.push({ path: `answers.${i + 1}`, message: `Вопрос ${i + 1}: нужен ответ` });
  });
  return issues;
}

/** A response without its empty answers (a skipped optional question is not an answer). */
export function normaliseSurveyAnswers(answers: readonly SurveyAnswer[]): SurveyAnswer[] {
  const out: SurveyAnswer[] = [];
  for (const a of answers) {
    if (a.choices !== undefined) {
      if (a.choices.length) out.push({ questionId: a.questionId, choices: [...a.choices].sort((x, y) => x - y) });
    } else if (a.value !== undefined) out.push({ questionId: a.questionId, value: a.value });
    else if (a.text !== undefined && a.text.trim()) out.push({ questionId: a.questionId, text: a.text.trim() });
  }
  return out;
}

export interface SurveyQuestionResult {
  questionId: string;
  kind: SurveyQuestionKind;
  text: string;
  /** respondents who answered this question */
  answered: number;
  /** choice: one per option; scale: one per value from min to max */
  counts: { label: string; count: number }[];
  /** scale: the mean, 2 decimals, as a string ("—" when nobody answered) */
  mean: string | null;
}

export interface SurveyResults {
  responses: number;
  questions: SurveyQuestionResult[];
}

/** The tally of the responses, per question. Answers that do not fit the question are not counted. */
export function tallySurvey(questions: readonly SurveyQuestionDef[], responses: readonly (readonly SurveyAnswer[])[]): SurveyResults {
  const out: SurveyQuestionResult[] = questions.map((q) => {
    const labels =
      q.kind === "scale"
        ? Array.from({ length: q.scaleMax! - q.scaleMin! + 1 }, (_, i) => String(q.scaleMin! + i))
        : q.kind === "text"
          ? []
          : q.options;
    return { questionId: q.id, kind: q.kind, text: q.text, answered: 0, counts: labels.map((label) => ({ label, count: 0 })), mean: null };
  });
  const index = new Map(questions.map((q, i) => [q.id, i]));
  const sums = questions.map(() => 0);
  for (const response of responses)
    for (const a of response) {
      const i = index.get(a.questionId);
      if (i === undefined) continue;
      const q = questions[i]!;
      const r = out[i]!;
      if (q.kind === "single" || q.kind === "multiple") {
        const c = (a.choices ?? []).filter((x) => Number.isInteger(x) && x >= 0 && x < q.options.length);
        if (!c.length) continue;
        r.answered++;
        for (const x of new Set(c)) r.counts[x]!.count++;
      } else if (q.kind === "scale") {
        const v = a.value;
        if (v === undefined || !Number.isInteger(v) || v < q.scaleMin! || v > q.scaleMax!) continue;
        r.answered++;
        r.counts[v - q.scaleMin!]!.count++;
        sums[i]! += v;
      } else if ((a.text ?? "").trim()) r.answered++;
    }
  out.forEach((r, i) => {
    if (r.kind === "scale") r.mean = r.answered ? (sums[i]! / r.answered).toFixed(2) : null;
  });
  return { responses: responses.length, questions: out };
}
