/** Names of the appeals' states and steps (issue 15, part 3), shared by the appeals' pages. */
type Label = { ru: string; en: string };

export type AppealStateName = "registered" | "inWork" | "redirected" | "answered" | "notAnswered" | "stopped";
export type AppealStepName = "assign" | "redirect" | "extend" | "answer" | "stop" | "approveAnswer" | "returnAnswer";

export const APPEAL_STATE_NAMES: Record<AppealStateName, Label> = {
  registered: { ru: "зарегистрировано", en: "registered" },
  inWork: { ru: "на рассмотрении", en: "in work" },
  redirected: { ru: "перенаправлено", en: "redirected" },
  answered: { ru: "дан ответ", en: "answered" },
  notAnswered: { ru: "без ответа (анонимное)", en: "not answered (anonymous)" },
  stopped: { ru: "переписка прекращена", en: "correspondence stopped" },
};

export const APPEAL_STEP_NAMES: Record<AppealStepName, Label> = {
  assign: { ru: "Назначить исполнителя", en: "Assign" },
  redirect: { ru: "Перенаправить по компетенции", en: "Redirect" },
  extend: { ru: "Продлить срок (один раз)", en: "Extend once" },
  answer: { ru: "Отправить ответ на утверждение", en: "Send the answer for approval" },
  stop: { ru: "Прекратить переписку", en: "Stop correspondence" },
  approveAnswer: { ru: "Утвердить и направить ответ", en: "Approve and send the answer" },
  returnAnswer: { ru: "Вернуть проект с замечанием", en: "Return the draft with a remark" },
};

export const ANSWER_ROUND_STATES: Record<"pending" | "approved" | "returned", Label> = {
  pending: { ru: "на утверждении", en: "awaiting approval" },
  approved: { ru: "утвержден и направлен", en: "approved and sent" },
  returned: { ru: "возвращен", en: "returned" },
};

export const fmtDate = (d: string) => d.split("-").reverse().join(".");
