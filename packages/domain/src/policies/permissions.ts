/**
 * Who may do what: the one place where permissions live. Deny by default: an action is allowed
 * only where a rule below says so. Every use case asks `authorize` before it touches data.
 */
import type { Role } from "../model/enums.ts";
import type { MonitoringStep } from "../monitoring/submissions.ts";
import { WORKFLOW_TRANSITIONS, type Flow, type WorkflowAction } from "../workflow/definition.ts";
import { ORDER_TRANSITIONS, type OrderAction, type OrderParty } from "../control/orders.ts";

export interface Actor {
  userId: string;
  login: string;
  municipalityId: string;
  role: Role;
  /** The department an executor or co-executor acts for. */
  departmentId: string | null;
  /**
   * A deployment administrator: manages the accounts that belong to several municipalities (or
   * exist elsewhere), besides their role in the current municipality. Absent means no.
   */
  deploymentAdmin?: boolean;
}

/**
 * Where an account stands, seen from the current municipality (issue 9):
 * - "new": no account with that login exists yet;
 * - "local": it belongs to this municipality alone;
 * - "shared": it also belongs to another municipality, or to none (a login that exists elsewhere);
 * - "deployment": it is a deployment administrator's.
 */
export type AccountScope = "new" | "local" | "shared" | "deployment";

export type Action = "read" | "create" | "update" | "delete";

/** What an action is done to, with just the facts the rules need. */
export type Target =
  | { area: "municipality"; municipalityId: string }
  | { area: "reference"; municipalityId: string; resource: string } // departments, budget sources
  /**
   * Accounts. "membership": the account's role and department in this municipality (list, give,
   * change, remove). "identity": the account itself — login, password, full name, e-mail, the
   * active flag, the second factor — which holds in every municipality it belongs to.
   */
  | { area: "users"; municipalityId: string; part?: "membership" | "identity"; account?: AccountScope }
  | { area: "audit"; municipalityId: string }
  // ---- monitoring (issue 4): report submissions, deadline settings, notification e-mail -------
  | {
      area: "monitoring";
      municipalityId: string;
      /**
       * A step of the monitoring cycle (with action "update"; see monitoring/submissions.ts
       * `stepOf`), "settings" (the municipality's deadline rules and calendar), "email" (where a
       * user's reminders go), or "budgetChange" (a change of the budget recorded as the event that
       * starts the deadlines of 220-п 5.4, 5.5), or "gasRegistration" (the placing of an approved
       * program in ГАС «Управление», 4.18.1). Absent for reading reports, deadlines and dashboards.
       */
      step?: MonitoringStep | "settings" | "email" | "budgetChange" | "gasRegistration";
      /** The program's responsible executor (department id). */
      responsibleDepartmentId?: string | null;
      /** For a direction's step: the direction's co-executor (department id). */
      directionCoExecutorId?: string | null;
      /** For "email": whose address. */
      subjectUserId?: string;
      /** For "email" of another user: where that account stands (an administrator sets only a local one's). */
      subjectAccount?: AccountScope;
    }
  // ---- evaluation (issue 3): the municipality's own methodologies and evaluation settings ----
  | { area: "evaluation"; municipalityId: string }
  // ---- control of orders and appeals (issue 15) -------------------------------------------
  | {
      area: "control";
      municipalityId: string;
      part: ControlPart;
      /**
       * The actor's parts (computed by the app): "office" when the actor belongs to the department
       * the control settings name as the office; for an order or an appeal also "executor"
       * (responsible department or person), "coexecutor", "controller" (the person named controller).
       */
      parties: readonly OrderParty[];
      /** A step of an order's lifecycle or of an appeal's handling (with action "update"). */
      step?: OrderAction | AppealStep;
      /** Reading an appeal's personal data (the author's name, address, e-mail). */
      personalData?: boolean;
    }
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
    }
  // ---- workflow (issue 6): approval of programs, amendments and directions' orders --------
  | {
      area: "workflow";
      municipalityId: string;
      /** "program": a program or an amendment; "directionOrder": a co-executor's order on a direction. */
      flow: Flow;
      /** The program's responsible executor (department id). */
      responsibleDepartmentId: string | null;
      /** For a direction's order: the direction's co-executor (department id). */
      directionCoExecutorId: string | null;
      /**
       * What is done: a transition of the flow (with action "update"); "note": edit the reasons
       * and text of the explanatory note of a draft (update); "register": record a version
       * already in force by an existing decree (create). Absent for reading and for starting a
       * draft (create).
       */
      step?: WorkflowAction | "note" | "register";
    }
  // ---- public portal (issue 14): what staff do for the portal --------------------------------
  | {
      area: "portal";
      municipalityId: string;
      /**
       * "settings": the portal's address, moderation mode, minimum discussion term; "publication":
       * publish or withdraw a draft for discussion or an approved document; "moderation": accept or
       * reject residents' proposals; "answer": the official answer with its decision; "vote": set up
       * a rating vote. Absent: reading the staff views of the portal.
       */
      part?: "settings" | "publication" | "moderation" | "answer" | "vote";
    }
  // ---- home page and search (issue 13): the home view of a role, the global search, people by name
  | { area: "overview"; municipalityId: string; part: "home" | "search" | "people" }
  // ---- the public council of strategic planning (issue 14, part 7): its members, meetings, agendas
  | { area: "council"; municipalityId: string };

export interface Decision {
  allowed: boolean;
  reason: string;
}

const READ_ALL: readonly Role[] = ["admin", "economy", "finance", "audit", "executor", "coexecutor", "head", "viewer", "office"];

/** Rows of a program that belong to the passport (not below a direction). */
const PASSPORT_RESOURCES = new Set([
  "program",
  "programCoExecutor",
  "programGoal",
  "programStage",
  "programIndicator",
  "programIndicatorValue",
  "direction",
]);
/** Rows the finance department enters: the budget schedule and cash execution; it also corrects funding. */
const FINANCE_RESOURCES = new Set(["funding", "budgetExecution", "budgetSchedule"]);

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
    case "overview":
      // the home page and the search show only what a member reads anyway; people by name, role and department only
      if (action === "read" && READ_ALL.includes(role)) return allow("главная страница и поиск открыты участникам");
      return deny("нет доступа");
    case "reference":
      if (action === "read") return allow("справочники видны всем участникам");
      if (role === "admin") return allow("администратор ведет справочники");
      return deny("справочники ведет администратор");
    case "users":
      return authorizeUsers(actor, action, target);
    case "audit":
      if (action === "read" && (role === "admin" || role === "economy" || role === "audit")) return allow("просмотр журнала");
      return deny("журнал изменений доступен администратору, управлению экономики и контрольно-счетному органу");
    case "monitoring":
      return authorizeMonitoring(actor, action, target);
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
        // issue 11: the main results of the year (6.12.3) are the executor's part of the program's annual report
        if (target.resource === "programAnnualReport") return deny("годовой отчет программы составляет ответственный исполнитель");
        if (actor.departmentId !== null && actor.departmentId === target.directionCoExecutorId) return allow("соисполнитель направления");
        return deny("направление другого соисполнителя");
      }
      if (role === "finance" && (target.resource === "budgetExecution" || target.resource === "budgetSchedule"))
        return allow("финансовое управление вносит роспись и кассовое исполнение");
      if (role === "finance" && FINANCE_RESOURCES.has(target.resource) && action === "update") {
        return allow("финансовое управление уточняет финансовое обеспечение");
      }
      return deny("роль только для просмотра");
    }
    case "workflow":
      return authorizeWorkflow(actor, action, target);
    case "evaluation":
      return authorizeEvaluation(actor, action);
    case "portal":
      return authorizePortal(actor, action, target);
    case "control":
      return authorizeControl(actor, action, target);
    case "council":
      return authorizeCouncil(actor, action);
  }
}

// ---- control of orders and appeals (issue 15) ---------------------------------------------

/** What of the control is acted on. */
/** "template": the answer templates of appeals (issue 15, part 3). */
export type ControlPart = "registry" | "meeting" | "order" | "appeal" | "settings" | "statistics" | "template";
/** The steps of an appeal's handling (59-ФЗ). */
/**
 * "answer" sends the drafted answer for approval; "approveAnswer" approves it (then it is sent),
 * "returnAnswer" returns it with a remark: the head of the assigned department or a controller.
 */
export type AppealStep = "assign" | "redirect" | "extend" | "answer" | "stop" | "approveAnswer" | "returnAnswer";

/**
 * The office (канцелярия, управление делами: the members of the department named in the control
 * settings) registers documents, meetings, orders and appeals and acts as a controller of every
 * order; the administrator may do what the office does. The Head gives orders. Each step of an
 * order is the table ORDER_TRANSITIONS (control/orders.ts): the party it names — the responsible
 * executor, the controller, the office — may take it. Documents, orders and the statistics are
 * open to every member; an appeal's personal data only to the staff it is assigned to, its
 * controllers and the office (59-ФЗ art. 6), and each reading is logged by the app.
 */
function authorizeControl(actor: Actor, action: Action, target: Extract<Target, { area: "control" }>): Decision {
  const role = actor.role;
  const parties = target.parties;
  // the office's role (канцелярия) acts as the office whichever department it sits in (issue 15)
  const office = parties.includes("office") || role === "admin" || role === "office";
  if (!READ_ALL.includes(role)) return deny("нет доступа");
  if (action === "delete") return deny("зарегистрированные документы, поручения и обращения не удаляются");
  switch (target.part) {
    case "settings":
      if (action === "read") return allow("настройки контроля видны участникам");
      return role === "admin" ? allow("администратор") : deny("настройки контроля ведет администратор");
    case "statistics":
      return action === "read" ? allow("статистика исполнительской дисциплины открыта участникам") : deny("недопустимое действие");
    case "template":
      if (action === "read") return allow("шаблоны ответов открыты участникам");
      return office ? allow("шаблоны ответов ведет канцелярия") : deny("шаблоны ответов ведет канцелярия (управление делами)");
    case "registry":
      if (action === "read") return allow("реестр документов открыт участникам");
      return office ? allow("канцелярия регистрирует документы") : deny("документы регистрирует канцелярия (управление делами)");
    case "meeting":
      if (action === "read") return allow("протоколы совещаний открыты участникам");
      return office || role === "head" ? allow("протокол совещания вносит канцелярия") : deny("протоколы совещаний вносит канцелярия");
    case "order": {
      if (action === "read") return allow("поручения открыты участникам");
      if (action === "create") {
        if (office) return allow("канцелярия ставит поручение на контроль");
        if (role === "head") return allow("Глава дает поручения");
        return deny("поручение на контроль ставит канцелярия или Глава");
      }
      const step = target.step;
      if (step === undefined) return deny("недопустимое действие");
      if (role === "admin") return allow("администратор");
      const by = new Set(ORDER_TRANSITIONS.filter((t) => t.action === step).flatMap((t) => t.by));
      if (parties.some((p) => by.has(p))) return allow("участник исполнения поручения");
      return deny(
        by.has("executor") ? "это действие выполняет исполнитель поручения" : "это действие выполняет контролер поручения или канцелярия",
      );
    }
    case "appeal": {
      const assigned = parties.includes("executor") || parties.includes("coexecutor");
      const controls = office || parties.includes("controller");
      if (action === "read") {
        if (target.personalData) {
          if (role === "admin" && !parties.includes("office"))
            return deny("персональные данные видят только назначенные сотрудники и контролеры");
          return assigned || controls || parties.includes("departmentHead")
            ? allow("назначенный сотрудник, руководитель подразделения или контролер")
            : deny("персональные данные видят только назначенные сотрудники и контролеры");
        }
        return allow("обращения без персональных данных открыты участникам");
      }
      if (action === "create") return office ? allow("канцелярия регистрирует обращения") : deny("обращения регистрирует канцелярия");
      if (target.step === "answer")
        return assigned || controls ? allow("ответ готовит назначенный сотрудник") : deny("ответ готовит назначенный сотрудник");
      if (target.step === "approveAnswer" || target.step === "returnAnswer")
        return controls || parties.includes("departmentHead")
          ? allow("ответ утверждает руководитель подразделения или контролер")
          : deny("ответ утверждает руководитель подразделения или контролер (канцелярия)");
      return controls ? allow("контролер обращения") : deny("назначает, перенаправляет и продлевает срок канцелярия");
    }
  }
}

// ---- public portal (issue 14) --------------------------------------------------------------

/**
 * The public portal, staff side. Every member reads the staff views (proposals with their
 * moderation state, votes); the administrator sets the portal up; the economy department (the owner
 * of strategic planning and of the discussion of drafts) and the administrator publish, moderate,
 * answer and set up votes. What residents do is checked in the portal's use cases (app/src/portal).
 */
function authorizePortal(actor: Actor, action: Action, target: Extract<Target, { area: "portal" }>): Decision {
  const role = actor.role;
  if (action === "read" && READ_ALL.includes(role)) return allow("портал открыт участникам");
  if (action === "read") return deny("нет доступа");
  if (target.part === "settings") return role === "admin" ? allow("администратор") : deny("портал настраивает администратор");
  if (role === "admin" || role === "economy") return allow("публичное обсуждение ведет управление экономики");
  return deny("публикацию, модерацию, ответы и голосования ведет управление экономики");
}

// ---- the public council of strategic planning (issue 14, part 7) ---------------------------

/**
 * The council as data (members, the organisations they represent, meetings, agendas, decisions):
 * every member of the municipality reads it; the economy department (which runs strategic
 * planning) and the administrator keep it. Everything else is refused.
 */
function authorizeCouncil(actor: Actor, action: Action): Decision {
  if (action === "read" && READ_ALL.includes(actor.role)) return allow("общественный совет открыт участникам");
  if (action === "read") return deny("нет доступа");
  if (actor.role === "admin" || actor.role === "economy") return allow("общественный совет ведет управление экономики");
  return deny("сведения об общественном совете ведет управление экономики");
}

// ---- evaluation (issue 3) ------------------------------------------------------------------

/**
 * The evaluation methodology (its own parameters or tree, as new versions) and the thresholds of
 * the indicator classes are chosen by the economy department (the owner of the evaluation,
 * 220-п) or the administrator; every member reads them. Evaluations themselves are read with
 * the program's, strategy's or plan's own read permission.
 */
function authorizeEvaluation(actor: Actor, action: Action): Decision {
  if (action === "read" && READ_ALL.includes(actor.role)) return allow("методика оценки открыта участникам");
  if (action === "read") return deny("нет доступа");
  if (action === "delete") return deny("версии методики не удаляются: результаты ссылаются на них");
  if (actor.role === "economy" || actor.role === "admin") return allow("методику оценки ведет управление экономики");
  return deny("методику оценки ведет управление экономики");
}

// ---- workflow (issue 6) ------------------------------------------------------------------

/**
 * Who prepares the draft is bound to a department: the responsible executor of the program (its
 * program and amendments), the co-executor of the direction (its order). The reviewers, the head
 * and the administrator act for the whole municipality. Which role may take which transition is
 * the table WORKFLOW_TRANSITIONS (workflow/definition.ts); this adds the department.
 */
function authorizeWorkflow(actor: Actor, action: Action, target: Extract<Target, { area: "workflow" }>): Decision {
  const role = actor.role;
  const ownProgram = actor.departmentId !== null && actor.departmentId === target.responsibleDepartmentId;
  const ownDirection = actor.departmentId !== null && actor.departmentId === target.directionCoExecutorId;
  const preparerOwns = (): Decision | null => {
    if (role === "executor") return ownProgram ? null : deny("программа другого ответственного исполнителя");
    if (role === "coexecutor") return ownDirection ? null : deny("направление другого соисполнителя");
    return null;
  };
  if (action === "read") return READ_ALL.includes(role) ? allow("ход согласования открыт участникам") : deny("нет доступа");
  if (action === "delete") return deny("проекты не удаляются: их отзывают, утвержденные редакции неизменны");
  const step = target.step;
  if (action === "create") {
    if (step === "register") {
      return role === "admin" || role === "economy"
        ? allow("регистрация действующей редакции")
        : deny("действующую редакцию регистрирует управление экономики");
    }
    if (role === "admin") return allow("администратор");
    if (target.flow === "program" && role === "executor") return preparerOwns() ?? allow("ответственный исполнитель готовит проект");
    if (target.flow === "directionOrder" && role === "coexecutor")
      return preparerOwns() ?? allow("соисполнитель готовит распоряжение по направлению");
    return deny(
      target.flow === "program"
        ? "проект программы или изменений готовит ответственный исполнитель"
        : "распоряжение по направлению готовит соисполнитель",
    );
  }
  // update
  if (step === "note" || step === undefined) {
    if (role === "admin") return allow("администратор");
    const preparer = target.flow === "program" ? "executor" : "coexecutor";
    if (role !== preparer) return deny("пояснительную записку готовит разработчик проекта");
    return preparerOwns() ?? allow("разработчик проекта");
  }
  if (step === "register") return deny("недопустимое действие");
  const roles = new Set(WORKFLOW_TRANSITIONS.filter((t) => t.flow === target.flow && t.action === step).flatMap((t) => t.roles));
  if (!roles.has(role)) return deny("действие не входит в полномочия роли на этом этапе согласования");
  return preparerOwns() ?? allow("участник согласования");
}

// ---- accounts (issue 9) ------------------------------------------------------------------

/**
 * A municipality's administrator manages the accounts of their municipality alone; an account
 * that belongs to several municipalities, or a login that exists elsewhere, is managed by a
 * deployment administrator. Reading the list and the roles of the municipality's members is the
 * administrator's; a shared account's role in this municipality is theirs to give or take, but
 * never its identity (password, name, e-mail, active flag, second factor). Nobody but a
 * deployment administrator touches a deployment administrator's account or role.
 */
function authorizeUsers(actor: Actor, action: Action, target: Extract<Target, { area: "users" }>): Decision {
  const deployment = actor.deploymentAdmin === true;
  if (actor.role !== "admin" && !deployment) return deny("пользователями управляет администратор");
  if (action === "read") return allow("администратор видит пользователей муниципального образования");
  const account = target.account;
  if (account === undefined) return deny("неизвестно, чья это учетная запись");
  if (deployment) return allow("администратор развертывания");
  if (account === "deployment") return deny("учетной записью администратора развертывания управляет администратор развертывания");
  const part = target.part ?? "identity";
  if (part === "membership") {
    if (account === "new") return deny("неизвестно, чья это учетная запись");
    return allow("администратор назначает роли в своем муниципальном образовании");
  }
  if (account === "new" || account === "local") return allow("учетная запись только этого муниципального образования");
  return deny("учетная запись принадлежит и другим муниципальным образованиям: ею управляет администратор развертывания");
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

// ---- monitoring (issue 4) ------------------------------------------------------------------

/**
 * The monitoring cycle of 220-п section 6: a direction's co-executor submits its part (6.7,
 * 6.10) — a department that is the executor of its own direction may too; the program's
 * responsible executor accepts or returns the parts, compiles and submits the report (6.8, 6.11);
 * the finance department reviews the annual report (6.13); the economy department controls the
 * monitoring and gives its conclusion (6.9, 6.15). The administrator may take any step. Reports,
 * deadlines and dashboards are open to every member; the deadline settings are the
 * administrator's; a user's notification e-mail is their own (or the administrator's to set).
 */
function authorizeMonitoring(actor: Actor, action: Action, target: Extract<Target, { area: "monitoring" }>): Decision {
  const role = actor.role;
  const step = target.step;
  if (step === undefined) {
    if (action === "read" && READ_ALL.includes(role)) return allow("мониторинг открыт участникам");
    return deny("нет доступа");
  }
  if (step === "settings") {
    if (action === "read") return allow("сроки и календарь видны всем участникам");
    return role === "admin"
      ? allow("администратор ведет сроки и календарь")
      : deny("сроки и производственный календарь ведет администратор");
  }
  if (step === "budgetChange") {
    if (action === "read") return READ_ALL.includes(role) ? allow("изменения бюджета видны участникам") : deny("нет доступа");
    if (action !== "create") return deny("недопустимое действие");
    return role === "finance" || role === "admin"
      ? allow("изменение бюджета вносит управление финансов")
      : deny("изменение бюджета вносит управление финансов");
  }
  if (step === "gasRegistration") {
    if (action === "read") return READ_ALL.includes(role) ? allow("сроки видны участникам") : deny("нет доступа");
    if (action !== "create") return deny("недопустимое действие");
    if (role === "admin") return allow("администратор");
    if (role === "executor" && actor.departmentId !== null && actor.departmentId === target.responsibleDepartmentId)
      return allow("ответственный исполнитель программы");
    return deny("программу в ГАС «Управление» размещает ее ответственный исполнитель");
  }
  if (step === "email") {
    if (target.subjectUserId === actor.userId) return allow("свой адрес для напоминаний");
    if (role !== "admin" && actor.deploymentAdmin !== true)
      return deny("адрес для напоминаний указывает сам пользователь или администратор");
    return authorizeUsers(actor, "update", {
      area: "users",
      municipalityId: target.municipalityId,
      part: "identity",
      account: target.subjectAccount,
    });
  }
  if (action !== "update") return deny("недопустимое действие");
  if (role === "admin") return allow("администратор");
  const dept = actor.departmentId;
  switch (step) {
    case "submitDirection":
      if ((role === "coexecutor" || role === "executor") && dept !== null && dept === target.directionCoExecutorId)
        return allow("соисполнитель направления");
      return deny("информацию по направлению представляет его соисполнитель");
    case "reviewDirection":
    case "compile":
      if (role === "executor" && dept !== null && dept === target.responsibleDepartmentId)
        return allow("ответственный исполнитель программы");
      return deny("отчет программы формирует ее ответственный исполнитель");
    case "financeReview":
      return role === "finance" ? allow("управление финансов") : deny("экспертизу годового отчета проводит управление финансов");
    case "economyReview":
      return role === "economy" ? allow("управление экономики") : deny("контроль мониторинга и заключение дает управление экономики");
  }
}
