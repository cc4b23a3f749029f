/**
 * The audit log in words: an action as a sentence of its actor ("workflow.approve" → «утвердил(а)
 * редакцию программы»), the object by its kind and name, and the changed fields with their labels
 * (from RESOURCES) and their values written for people (money, decimals, dates, list labels,
 * budget sources by name) instead of JSON and identifiers.
 */
import { formatDateRu, isIsoDate } from "../dates.ts";
import { RESOURCES } from "../model/resources.ts";
import type { FieldSpec } from "../model/fields.ts";
import { formatDecimalRu } from "../versions/numbers.ts";
import { catalog, say, type MessageLang } from "./catalog.ts";

export const AUDIT_TEXTS = catalog("audit", {
  create: ["добавил(а) запись", "added a record"],
  update: ["изменил(а) запись", "changed a record"],
  delete: ["удалил(а) запись", "deleted a record"],
  "workflow.start": ["начал(а) проект изменений", "started an amendment"],
  "workflow.startDiscussion": ["вынес(ла) проект на общественное обсуждение", "put the draft to public discussion"],
  "workflow.submit": ["направил(а) проект на экспертизу", "submitted the draft for review"],
  "workflow.positiveConclusion": ["дал(а) положительное заключение на проект", "gave a positive conclusion on the draft"],
  "workflow.negativeConclusion": ["дал(а) отрицательное заключение на проект", "gave a negative conclusion on the draft"],
  "workflow.resubmit": ["направил(а) проект на повторную экспертизу", "resubmitted the draft for review"],
  "workflow.handOver": ["передал(а) проект с документами на экспертизу", "passed the draft and its documents on for review"],
  "workflow.approve": ["утвердил(а) редакцию программы", "approved the program's version"],
  "workflow.publish": ["отметил(а) размещение редакции на официальном сайте", "marked the version as published"],
  "workflow.cancel": ["отозвал(а) проект", "withdrew the draft"],
  "programVersion.approve": ["утвердил(а) редакцию программы", "approved the program's version"],
  "programVersion.register": ["зарегистрировал(а) действующую редакцию программы", "registered the program's version in force"],
  "programVersion.note": ["изменил(а) пояснительную записку", "changed the explanatory note"],
  "programVersion.restore": ["вернул(а) строки программы к действующей редакции", "restored the program's rows to the version in force"],
  "program.import": ["загрузил(а) программу из файла", "imported the program from a file"],
  "report.submitDirection": ["представил(а) информацию по направлению", "submitted the direction's information"],
  "report.acceptDirection": ["принял(а) информацию по направлению", "accepted the direction's information"],
  "report.returnDirection": ["вернул(а) направление на доработку", "returned the direction for rework"],
  "report.compile": ["сформировал(а) отчет программы", "compiled the program's report"],
  "report.submit": ["представил(а) отчет", "submitted the report"],
  "report.return": ["вернул(а) отчет на доработку", "returned the report for rework"],
  "report.financeReview": ["дал(а) заключение управления финансов", "gave the finance department's conclusion"],
  "report.control": ["дал(а) заключение управления экономики", "gave the economy department's conclusion"],
  "user.create": ["создал(а) учетную запись", "created an account"],
  "user.update": ["изменил(а) учетную запись", "changed an account"],
  "user.password": ["сменил(а) пароль", "changed a password"],
  "user.email": ["изменил(а) адрес электронной почты", "changed an e-mail address"],
  "user.totp.enable": ["подключил(а) второй фактор входа", "turned on the second factor"],
  "user.totp.disable": ["отключил(а) второй фактор входа", "turned off the second factor"],
  "user.remove": ["снял(а) роль пользователя", "removed a user's role"],
  "user.membership.add": ["назначил(а) роль пользователю", "gave a user a role"],
  "user.deploymentAdmin": ["изменил(а) права администратора развертывания", "changed the deployment administrator's rights"],
  login: ["вошел(ла) в систему", "signed in"],
  logout: ["вышел(ла) из системы", "signed out"],
  seed: ["загрузил(а) демонстрационные данные", "loaded the demo data"],
  "municipality.update": ["изменил(а) сведения о муниципальном образовании", "changed the municipality's details"],
  "monitoringSettings.update": ["изменил(а) настройки мониторинга", "changed the monitoring settings"],
  "evaluationSetting.update": ["изменил(а) настройки оценки эффективности", "changed the evaluation settings"],
  "evaluationMethodology.create": ["добавил(а) методику оценки эффективности", "added an evaluation methodology"],
  "checkpointDocument.create": ["приложил(а) документ к контрольной точке", "attached a document to a checkpoint"],
  "checkpointDocument.delete": ["удалил(а) документ контрольной точки", "deleted a checkpoint's document"],
  "budgetChange.create": ["зарегистрировал(а) изменение бюджета", "recorded a budget change"],
  "gasRegistration.create": ["отметил(а) размещение в ГАС «Управление»", "recorded the placing in GAS Upravlenie"],
  "draftAttachment.create": ["приложил(а) документ к проекту", "attached a document to the draft"],
  "draftAttachment.delete": ["удалил(а) документ проекта", "deleted a document of the draft"],
  "portal.settings": ["изменил(а) настройки портала", "changed the portal's settings"],
  "portal.publish": ["опубликовал(а) документ на портале", "published a document on the portal"],
  "portal.withdraw": ["снял(а) публикацию с портала", "withdrew a publication from the portal"],
  "portal.file": ["приложил(а) файл к публикации", "attached a file to a publication"],
  "portal.proposal": ["внес(ла) предложение", "made a proposal"],
  "portal.moderate": ["рассмотрел(а) предложение на модерации", "moderated a proposal"],
  "portal.answer": ["дал(а) официальный ответ на предложение", "answered a proposal officially"],
  "portal.protocol": ["сформировал(а) протокол обсуждения", "generated the discussion's protocol"],
  "portal.hearing": ["объявил(а) публичные слушания", "announced public hearings"],
  "portal.hearingResult": ["внес(ла) протокол публичных слушаний", "recorded the hearing's protocol"],
  "portal.vote": ["создал(а) рейтинговое голосование", "set up a rating vote"],
  "portal.voteOptions": ["изменил(а) варианты голосования", "changed the vote's options"],
  "resident.signIn": ["вошел(ла) на портал", "signed in to the portal"],
  "resident.profile": ["изменил(а) профиль жителя", "changed a resident's profile"],
  "resident.delete": ["удалил(а) учетную запись жителя", "deleted a resident's account"],
  "registryDocument.create": ["зарегистрировал(а) документ", "registered a document"],
  "registryDocument.file": ["приложил(а) файл к документу реестра", "attached a file to a registry document"],
  "appeal.file": ["приложил(а) файл к обращению гражданина", "attached a file to a citizen's appeal"],
  "meeting.create": ["внес(ла) протокол совещания", "recorded a meeting's protocol"],
  "order.create": ["поставил(а) поручение на контроль", "put an order on control"],
  "order.start": ["принял(а) поручение в работу", "took an order into work"],
  "order.requestExtension": ["запросил(а) продление срока поручения", "requested an extension of an order"],
  "order.grantExtension": ["продлил(а) срок поручения", "extended an order's deadline"],
  "order.refuseExtension": ["отказал(а) в продлении срока поручения", "refused an order's extension"],
  "order.report": ["представил(а) отчет об исполнении поручения", "reported an order's execution"],
  "order.periodicReport": ["представил(а) отчет за период по поручению", "reported a standing order's period"],
  "order.return": ["вернул(а) поручение на доработку", "returned an order for rework"],
  "order.accept": ["снял(а) поручение с контроля", "removed an order from control"],
  "order.recordCheck": ["провел(а) проверку исполнения на месте", "recorded an on-site check"],
  "order.reassign": ["передал(а) поручение другому исполнителю", "reassigned an order"],
  "appeal.create": ["зарегистрировал(а) обращение гражданина", "registered a citizen's appeal"],
  "appeal.read": ["просмотрел(а) персональные данные обращения", "viewed an appeal's personal data"],
  "appeal.assign": ["назначил(а) исполнителя обращения", "assigned an appeal"],
  "appeal.redirect": ["перенаправил(а) обращение по компетенции", "redirected an appeal"],
  "appeal.extend": ["продлил(а) срок рассмотрения обращения", "extended an appeal's term"],
  "appeal.answer": ["дал(а) ответ на обращение", "answered an appeal"],
  "appeal.stop": ["прекратил(а) переписку с автором обращения", "stopped correspondence on an appeal"],
  "appeal.answerDraft": ["подготовил(а) проект ответа на обращение", "drafted an appeal's answer"],
  "appeal.letter": ["сформировал(а) письмо с ответом на обращение", "made an appeal's answer letter"],
  "control.demo": ["загрузил(а) демонстрационный реестр канцелярии", "loaded the office's demo registry"],
  "controlSettings.update": ["изменил(а) настройки контроля", "changed the control settings"],
  "controlDepartmentHead.set": ["назначил(а) руководителя подразделения", "set a department's head"],
  other: ["выполнил(а) действие «{action}»", "performed “{action}”"],
  system: ["Система", "System"],
  yes: ["да", "yes"],
  no: ["нет", "no"],
  type_user: ["Пользователь", "User"],
  type_municipality: ["Муниципальное образование", "Municipality"],
  type_programVersion: ["Редакция программы", "Program version"],
  type_workflow: ["Согласование", "Approval"],
  type_report: ["Отчет о реализации", "Report"],
  type_checkpointDocument: ["Документ контрольной точки", "Checkpoint document"],
  type_budgetChange: ["Изменение бюджета", "Budget change"],
  type_monitoringSettings: ["Настройки мониторинга", "Monitoring settings"],
  type_evaluationSetting: ["Настройки оценки", "Evaluation settings"],
  type_evaluationMethodology: ["Методика оценки", "Evaluation methodology"],
  type_gasRegistration: ["Размещение в ГАС «Управление»", "Placing in GAS Upravlenie"],
  type_appeal: ["Обращение гражданина", "Citizen's appeal"],
  type_controlOrder: ["Поручение", "Order"],
  type_controlSettings: ["Настройки контроля", "Control settings"],
  type_department: ["Подразделение", "Department"],
  type_hearing: ["Публичные слушания", "Public hearing"],
  type_meeting: ["Совещание", "Meeting"],
  type_portalSetting: ["Настройки портала", "Portal settings"],
  type_proposal: ["Предложение жителя", "Resident's proposal"],
  type_publication: ["Публикация на портале", "Portal publication"],
  type_registryDocument: ["Документ реестра", "Registry document"],
  type_resident: ["Житель", "Resident"],
  type_vote: ["Голосование", "Vote"],
  field_fullName: ["ФИО", "Full name"],
  field_email: ["Электронная почта", "E-mail"],
  field_isActive: ["Активна", "Active"],
  field_role: ["Роль", "Role"],
  field_login: ["Логин", "Login"],
  field_sessionsEnded: ["Завершено сеансов", "Sessions ended"],
  field_currency: ["Валюта", "Currency"],
  field_timezone: ["Часовой пояс", "Time zone"],
  field_country: ["Страна", "Country"],
  field_state: ["Состояние", "State"],
  field_comment: ["Комментарий", "Comment"],
});

type AuditKey = keyof typeof AUDIT_TEXTS.texts;

/** Fields never shown as changes: identifiers, bookkeeping and secrets. */
const HIDDEN = new Set([
  "id",
  "municipalityId",
  "programId",
  "directionId",
  "createdAt",
  "updatedAt",
  "version",
  "passwordHash",
  "totpSecret",
]);

export interface AuditLookups {
  /** Budget source code → its name. */
  sources?: ReadonlyMap<string, string>;
  /** User id → full name. */
  users?: ReadonlyMap<string, string>;
}

export interface AuditChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface AuditDescription {
  /** What the actor did, as the predicate of a sentence: «утвердил(а) редакцию программы». */
  actionLabel: string;
  /** The object's kind and name: «Цель «Рост доходов»». */
  objectLabel: string;
  changes: AuditChange[];
}

function fieldsOf(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function hasKey(k: string): k is AuditKey {
  return k in AUDIT_TEXTS.texts;
}

/** A decimal in the language's notation: ru "1 250 000,5" (no-break spaces), en "1,250,000.5". */
export function formatDecimalIn(raw: string, lang: MessageLang, digits?: number): string {
  if (!/^-?\d+(\.\d+)?$/.test(raw)) return raw;
  if (lang === "ru") {
    const s = formatDecimalRu(digits === undefined ? raw : fixed(raw, digits));
    // formatDecimalRu drops trailing zeros: give the fixed decimals back
    if (digits === undefined || digits === 0) return s;
    const [int, frac = ""] = s.split(",");
    return `${int},${frac.padEnd(digits, "0")}`;
  }
  return new Intl.NumberFormat("en-GB", { minimumFractionDigits: digits ?? 0, maximumFractionDigits: digits ?? 20 }).format(
    raw as Intl.StringNumericLiteral,
  );
}

function fixed(raw: string, digits: number): string {
  const [int = "0", frac = ""] = raw.split(".");
  return digits === 0 ? int : `${int}.${(frac + "0".repeat(digits)).slice(0, digits)}`;
}

/** A value of a field written for people in the language. */
export function formatFieldValue(field: FieldSpec | undefined, v: unknown, lang: MessageLang, lookups: AuditLookups = {}): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "boolean") return say(AUDIT_TEXTS, lang, v ? "yes" : "no");
  if (typeof v === "number") return field?.type.kind === "year" || field?.name === "year" ? String(v) : formatDecimalIn(String(v), lang);
  if (typeof v !== "string") return JSON.stringify(v);
  const kind = field?.type.kind;
  if (kind === "money") return formatDecimalIn(v, lang, 2);
  if (kind === "decimal" || kind === "int") return formatDecimalIn(v, lang);
  if (kind === "date" || (kind === undefined && isIsoDate(v)))
    return lang === "ru" ? formatDateRu(v) : `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
  if (field?.type.kind === "enum") return field.type.labels?.[v]?.[lang] ?? v;
  if (field?.name === "source") return lookups.sources?.get(v) ?? v;
  return v;
}

function objectName(row: Record<string, unknown> | null, lookups: AuditLookups): string | null {
  if (!row) return null;
  const code = typeof row.code === "string" && row.code ? `${row.code} ` : "";
  for (const k of ["name", "title", "fullName", "login"]) {
    const v = row[k];
    if (typeof v === "string" && v) return `${code}${v}`;
  }
  // a row of values: its year (quarter, month) and source
  const parts = ["year", "quarter", "month"].map((k) => row[k]).filter((v) => typeof v === "number" || typeof v === "string");
  if (typeof row.source === "string") parts.push(lookups.sources?.get(row.source) ?? row.source);
  return parts.length ? parts.map(String).join(", ") : code.trim() || null;
}

/** An entry of the audit log in words, in a language. */
export function describeAudit(
  e: { action: string; objectType: string; objectId: string | null; before: unknown; after: unknown },
  lang: MessageLang,
  lookups: AuditLookups = {},
): AuditDescription {
  const spec = RESOURCES.find((r) => r.name === e.objectType);
  const verb = e.action.split(".").pop() ?? e.action;
  const actionLabel = hasKey(e.action)
    ? say(AUDIT_TEXTS, lang, e.action)
    : spec && (verb === "create" || verb === "update" || verb === "delete")
      ? say(AUDIT_TEXTS, lang, verb)
      : say(AUDIT_TEXTS, lang, "other", { action: e.action });
  const typeKey = `type_${e.objectType}`;
  const typeLabel = spec ? spec.label[lang] : hasKey(typeKey) ? say(AUDIT_TEXTS, lang, typeKey) : e.objectType;
  const before = fieldsOf(e.before);
  const after = fieldsOf(e.after);
  const name =
    objectName(after, lookups) ??
    objectName(before, lookups) ??
    (e.objectType === "user" && e.objectId ? (lookups.users?.get(e.objectId) ?? null) : null);
  const objectLabel = name ? `${typeLabel} «${name}»` : typeLabel;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !HIDDEN.has(k));
  const changes: AuditChange[] = [];
  for (const k of keys) {
    const b = before?.[k];
    const a = after?.[k];
    if (JSON.stringify(b ?? null) === JSON.stringify(a ?? null)) continue;
    const field = spec?.fields.find((f) => f.name === k);
    if (field?.type.kind === "ref") continue; // a link to another row: its identifier says nothing
    const fieldKey = `field_${k}`;
    const label = field ? field.label[lang] : hasKey(fieldKey) ? say(AUDIT_TEXTS, lang, fieldKey) : k;
    changes.push({ field: k, label, before: formatFieldValue(field, b, lang, lookups), after: formatFieldValue(field, a, lang, lookups) });
  }
  return { actionLabel, objectLabel, changes };
}
