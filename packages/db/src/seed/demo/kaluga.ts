/**
 * Kaluga: the municipality with its departments and budget levels, the strategy to 2030, the action
 * plan 2021–2023 and the next plan in draft (kaluga-strategy.ts: the source's values in
 * kaluga-source.ts, the demo's additions in illustrative.ts) and three municipal programs 2025–2030,
 * ILLUSTRATIVE as a whole (illustrative-programs.ts: source 000 gives no program, not Kaluga's figures).
 */
import type { MunicipalityDocument } from "@orientir/domain";
import { KALUGA_ACTION_PLAN, KALUGA_NEXT_ACTION_PLAN, KALUGA_STRATEGY } from "./kaluga-strategy.ts";
import { applyKalugaFormFields } from "./form-fields.ts";
import { BUILD, CULT, EDU, KALUGA_PROGRAMS, SPORT } from "./illustrative-programs.ts";

export { KALUGA_PROGRAMS } from "./illustrative-programs.ts";

export const KALUGA_NAME = "Город Калуга";

export const KALUGA: MunicipalityDocument = {
  name: KALUGA_NAME,
  country: "RU",
  currency: "RUB",
  budgetSources: [
    { code: "federal", name: "Федеральный бюджет" },
    { code: "regional", name: "Областной бюджет" },
    { code: "local", name: "Бюджет муниципального образования «Город Калуга»" },
    { code: "other", name: "Внебюджетные источники" },
  ],
  departments: [
    { name: "Управление экономики" },
    { name: "Финансовое управление" },
    { name: EDU },
    { name: CULT },
    { name: SPORT },
    { name: "Управление городского хозяйства" },
    { name: BUILD },
    { name: "Управление социальной защиты" },
    { name: "Управление архитектуры, градостроительства и земельных отношений" },
    { name: "Отдел по работе с молодежью" },
    { name: "Контрольно-счетная палата" },
  ],
  strategy: KALUGA_STRATEGY,
  actionPlan: KALUGA_ACTION_PLAN,
  nextActionPlans: [KALUGA_NEXT_ACTION_PLAN],
  programs: KALUGA_PROGRAMS,
};

// the fields the forms read (issue 11): the source's values and, marked there, illustrative ones
applyKalugaFormFields(KALUGA);
