/**
 * Who may do what: the one place where permissions live. Deny by default: an action is allowed
 * only where a rule below says so. Every use case asks `authorize` before it touches data.
 */
import type { Role } from "../model/enums.ts";

export interface Actor {
  userId: string;
  login: string;
  municipalityId: string;
  role: Role;
  /** The department an executor or co-executor acts for. */
  departmentId: string | null;
}

export type Action = "read" | "create" | "update" | "delete";

/** What an action is done to, with just the facts the rules need. */
export type Target =
  | { area: "municipality"; municipalityId: string }
  | { area: "reference"; municipalityId: string; resource: string } // departments, budget sources
  | { area: "users"; municipalityId: string }
  | { area: "audit"; municipalityId: string }
  | { area: "strategy"; municipalityId: string; resource: string }
  | { area: "plan"; municipalityId: string; resource: string }
  | {
      area: "program";
      municipalityId: string;
      resource: string;
      /** The program's responsible executor (department id). */
      responsibleDepartmentId: string | null;
      /** The co-executor owning the direction the row belongs to, if it is below a direction. */
      directionCoExecutorId: string | null;
    };

export interface Decision {
  allowed: boolean;
  reason: string;
}

const READ_ALL: readonly Role[] = ["admin", "economy", "finance", "audit", "executor", "coexecutor", "head", "viewer"];

/** Rows of a program that belong to the passport (not below a direction). */
const PASSPORT_RESOURCES = new Set(["program", "programCoExecutor", "programGoal", "programStage", "programIndicator", "programIndicatorValue", "direction"]);
/** Rows the finance department enters: the budget schedule and cash execution; it also corrects funding. */
const FINANCE_RESOURCES = new Set(["funding", "budgetExecution"]);

function allow(reason: string): Decision {
  return { allowed: true, reason };
}
function deny(reason: string): Decision {
  return { allowed: false, reason };
}

export function authorize(actor: Actor, action: Action, target: Target): Decision {
  if (actor.municipalityId !== target.municipalityId) return deny("другое муниципальное образование");
  const role = actor.role;
  switch (target.area) {
    case "municipality":
      if (action === "read") return allow("участник муниципального образования");
      if (action === "update" && role === "admin") return allow("администратор");
      return deny("только администратор изменяет настройки муниципального образования");
    case "reference":
      if (action === "read") return allow("справочники видны всем участникам");
      if (role === "admin") return allow("администратор ведет справочники");
      return deny("справочники ведет администратор");
    case "users":
      if (role === "admin") return allow("администратор управляет пользователями");
      return deny("пользователями управляет администратор");
    case "audit":
      if (action === "read" && (role === "admin" || role === "economy" || role === "audit")) return allow("просмотр журнала");
      return deny("журнал изменений доступен администратору, управлению экономики и контрольно-счетному органу");
    case "strategy":
    case "plan":
      if (action === "read" && READ_ALL.includes(role)) return allow("стратегия и план открыты участникам");
      if (role === "admin" || role === "economy") return allow("стратегию и план ведет управление экономики");
      return deny("стратегию и план мероприятий ведет управление экономики");
    case "program": {
      if (action === "read" && READ_ALL.includes(role)) return allow("программы открыты участникам");
      if (role === "admin" || role === "economy") return allow("управление экономики ведет перечень программ");
      if (target.resource === "program" && (action === "create" || action === "delete")) {
        return deny("программы включает в перечень и исключает управление экономики");
      }
      const ownProgram = actor.departmentId !== null && actor.departmentId === target.responsibleDepartmentId;
      if (role === "executor") {
        if (ownProgram) return allow("ответственный исполнитель программы");
        return deny("программа другого ответственного исполнителя");
      }
      if (role === "coexecutor") {
        if (PASSPORT_RESOURCES.has(target.resource)) return deny("паспорт программы ведет ответственный исполнитель");
        if (actor.departmentId !== null && actor.departmentId === target.directionCoExecutorId) return allow("соисполнитель направления");
        return deny("направление другого соисполнителя");
      }
      if (role === "finance" && target.resource === "budgetExecution") return allow("финансовое управление вносит роспись и кассовое исполнение");
      if (role === "finance" && FINANCE_RESOURCES.has(target.resource) && action === "update") {
        return allow("финансовое управление уточняет финансовое обеспечение");
      }
      return deny("роль только для просмотра");
    }
  }
}

export class ForbiddenError extends Error {
  constructor(readonly reason: string) {
    super(`Недостаточно прав: ${reason}`);
    this.name = "ForbiddenError";
  }
}

/** Throws ForbiddenError unless allowed. */
export function ensure(actor: Actor, action: Action, target: Target): void {
  const d = authorize(actor, action, target);
  if (!d.allowed) throw new ForbiddenError(d.reason);
}
