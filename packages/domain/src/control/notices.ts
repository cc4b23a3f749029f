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
