/**
 * What an appeal's author is told (59-ФЗ): of the redirection to another body (art. 8 p. 3), of the
 * extension of the term with its reason (art. 12 p. 2), of the answer (art. 10 p. 1 item 4), of the
 * decision to stop the correspondence (art. 11 p. 5). Pure text; the app queues it by e-mail.
 */
import { LAW_59_TERMS, REPEATED_CLAUSE } from "./appeals.ts";

export type AppealNoticeKind = "redirect" | "extend" | "answer" | "stop";

export interface AppealNoticeFacts {
  number: string;
  registeredOn: string;
  authorName: string | null;
  municipality: string;
  trackingCode: string;
  redirectedTo?: string | null;
  due?: string | null;
  reason?: string | null;
  answerText?: string | null;
}

const ru = (d: string) => d.split("-").reverse().join(".");

/** The subject and body of the notice of `kind` about an appeal. */
export function appealNotice(kind: AppealNoticeKind, f: AppealNoticeFacts): { subject: string; body: string } {
  const greeting = f.authorName ? `Уважаемый(ая) ${f.authorName}!` : "Здравствуйте!";
  const about = `Ваше обращение № ${f.number} от ${ru(f.registeredOn)}`;
  const tail = `Следить за обращением можно по коду ${f.trackingCode}.\n\n${f.municipality}`;
  switch (kind) {
    case "redirect":
      return {
        subject: `Обращение № ${f.number} перенаправлено`,
        body: `${greeting}\n\n${about} направлено по компетенции: ${f.redirectedTo ?? "—"} (${LAW_59_TERMS.redirectionDays.clause}).\n\n${tail}`,
      };
    case "extend":
      return {
        subject: `Срок рассмотрения обращения № ${f.number} продлен`,
        body:
          `${greeting}\n\nСрок рассмотрения обращения № ${f.number} от ${ru(f.registeredOn)} продлен до ${f.due ? ru(f.due) : "—"} ` +
          `(${LAW_59_TERMS.extensionDays.clause}). Причина: ${f.reason ?? "—"}.\n\n${tail}`,
      };
    case "answer":
      return {
        subject: `Ответ на обращение № ${f.number}`,
        body: `${greeting}\n\nНа ${about.charAt(0).toLowerCase()}${about.slice(1)} сообщаем:\n\n${f.answerText ?? ""}\n\n${tail}`,
      };
    case "stop":
      return {
        subject: `Переписка по обращению № ${f.number} прекращена`,
        body:
          `${greeting}\n\nПо ${about.charAt(0).toLowerCase()}${about.slice(1)} принято решение о прекращении переписки ` +
          `(${REPEATED_CLAUSE}): ответы по существу поставленных вопросов даны ранее. Основание: ${f.reason ?? "—"}.\n\n${tail}`,
      };
  }
}

// ---- answer templates --------------------------------------------------------------------------------------

/** The placeholders an answer template may use, each filled from the appeal. */
export const ANSWER_PLACEHOLDERS = ["author", "number", "registeredOn", "topic", "district", "municipality", "due"] as const;
export type AnswerPlaceholder = (typeof ANSWER_PLACEHOLDERS)[number];

export interface AnswerTemplate {
  code: string;
  title: string;
  body: string;
}

/** The templates every municipality starts with (its own rows of `appeal_answer_template` add or replace by code). */
export const DEFAULT_ANSWER_TEMPLATES: readonly AnswerTemplate[] = [
  {
    code: "done",
    title: "Вопрос решен",
    body:
      "Уважаемый(ая) {author}!\n\nВаше обращение № {number} от {registeredOn} по вопросу «{topic}» рассмотрено. " +
      "Сообщаем, что …\n\nВопрос решен положительно.\n\n{municipality}",
  },
  {
    code: "planned",
    title: "Включено в план работ",
    body:
      "Уважаемый(ая) {author}!\n\nВаше обращение № {number} от {registeredOn} по вопросу «{topic}» ({district}) рассмотрено. " +
      "Работы включены в план на … год.\n\n{municipality}",
  },
  {
    code: "explained",
    title: "Дано разъяснение",
    body: "Уважаемый(ая) {author}!\n\nНа ваше обращение № {number} от {registeredOn} разъясняем: …\n\n{municipality}",
  },
];

/** The placeholders of a template that are not known (to refuse such a template when it is saved). */
export function unknownPlaceholders(body: string): string[] {
  return [...body.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!).filter((p) => !(ANSWER_PLACEHOLDERS as readonly string[]).includes(p));
}

/** The template with its placeholders filled (an empty value: «—»); unknown ones are left as they are. */
export function fillAnswerTemplate(body: string, values: Partial<Record<AnswerPlaceholder, string | null>>): string {
  return body.replace(/\{([^{}]*)\}/g, (whole, name: string) =>
    (ANSWER_PLACEHOLDERS as readonly string[]).includes(name) ? values[name as AnswerPlaceholder] || "—" : whole,
  );
}
