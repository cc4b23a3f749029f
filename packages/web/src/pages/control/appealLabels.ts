/** Names of the appeals' states and steps (issue 15, part 3), shared by the appeals' pages. */
type Label = { ru: string; en: string };

export type AppealStateName = "registered" | "inWork" | "redirected" | "answered" | "notAnswered" | "stopped";
export type AppealStepName = "assign" | "redirect" | "extend" | "answer" | "stop";

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
  answer: { ru: "Дать ответ", en: "Answer" },
  stop: { ru: "Прекратить переписку", en: "Stop correspondence" },
};

export const fmtDate = (d: string) => d.split("-").reverse().join(".");
