/** The event deadlines of 220-п: budget changes (5.4, 5.5), directions' orders (1.7, 4.19), ГАС «Управление» (4.18.1). */
import { z } from "zod";
import { BUDGET_CHANGE_KINDS } from "@orientir/domain";
import { Uuid } from "./common.ts";
import { DeadlineState } from "./monitoring.ts";

export const BudgetChangeBody = z
  .object({
    kind: z.enum(BUDGET_CHANGE_KINDS),
    number: z.string().max(100).nullable().optional(),
    documentDate: z.string().max(10).describe("дата решения, ГГГГ-ММ-ДД"),
    effectiveDate: z.string().max(10).describe("дата вступления в силу (изменения росписи), ГГГГ-ММ-ДД"),
    directionIds: z
      .array(z.string().max(64))
      .max(1000)
      .optional()
      .describe("направления, финансирование элементов которых изменилось без изменения объема программы (5.5)"),
    note: z.string().max(2000).nullable().optional(),
  })
  .strict()
  .meta({ id: "BudgetChangeBody" });
export type BudgetChangeBody = z.infer<typeof BudgetChangeBody>;

/** A deadline a budget change (or a decree, or an approved version) started (domain `BudgetChangeDeadline`). */
export const EventDeadlineBase = z
  .object({
    ruleId: z.string(),
    label: z.string(),
    clause: z.string(),
    actor: z.string(),
    programId: Uuid,
    programCode: z.string(),
    directionId: Uuid.nullable(),
    directionCode: z.string().nullable(),
    /** Who must act: the program's executor or the direction's co-executor (department id). */
    departmentId: Uuid.nullable(),
    start: z.string(),
    due: z.string(),
    /** The first completing act on or after the event. */
    doneAt: z.string().nullable(),
    status: z.object({ state: DeadlineState, workingDaysLeft: z.number().int() }),
  })
  .meta({ id: "EventDeadlineBase" });
export type EventDeadlineBase = z.infer<typeof EventDeadlineBase>;

/** A change of the budget recorded by the finance department, with the deadlines it starts (220-п 5.4, 5.5). */
export const BudgetChange = z
  .object({
    id: Uuid,
    kind: z.enum(BUDGET_CHANGE_KINDS),
    number: z.string().nullable(),
    documentDate: z.string(),
    effectiveDate: z.string(),
    directionIds: z.array(z.string()),
    note: z.string().nullable(),
    createdAt: z.string(),
    deadlines: z.array(EventDeadlineBase),
  })
  .meta({ id: "BudgetChange" });
export type BudgetChange = z.infer<typeof BudgetChange>;
export const BudgetChangeList = z.object({ items: z.array(BudgetChange) }).meta({ id: "BudgetChangeList" });
export type BudgetChangeList = z.infer<typeof BudgetChangeList>;

/** A deadline started by an event, keyed for the reminders, with the event's title. */
export const EventDeadline = EventDeadlineBase.extend({ key: z.string(), changeId: z.string(), changeTitle: z.string() }).meta({
  id: "EventDeadline",
});
export type EventDeadline = z.infer<typeof EventDeadline>;
export const EventDeadlineList = z.object({ items: z.array(EventDeadline) }).meta({ id: "EventDeadlineList" });
export type EventDeadlineList = z.infer<typeof EventDeadlineList>;

export const GasRegistrationBody = z
  .object({
    registeredOn: z.string().max(10).describe("дата размещения, ГГГГ-ММ-ДД"),
    note: z.string().max(2000).nullable().optional(),
  })
  .strict()
  .meta({ id: "GasRegistrationBody" });
export type GasRegistrationBody = z.infer<typeof GasRegistrationBody>;
/** The placing of an approved version in ГАС «Управление» (220-п 4.18.1). */
export const GasRegistration = z
  .object({
    id: Uuid,
    municipalityId: Uuid,
    programId: Uuid,
    programVersionId: Uuid,
    registeredOn: z.string(),
    note: z.string().nullable(),
    createdBy: Uuid.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "GasRegistration" });
export type GasRegistration = z.infer<typeof GasRegistration>;
