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
  "portal.hearingHeld": ["записал(а) прошедшие публичные слушания и их протокол", "recorded held public hearings and their protocol"],
  "portal.vote": ["создал(а) рейтинговое голосование", "set up a rating vote"],
  "portal.voteOptions": ["изменил(а) варианты голосования", "changed the vote's options"],
  "portal.comment": ["оставил(а) комментарий к предложению", "commented on a proposal"],
  "portal.commentModerate": ["рассмотрел(а) комментарий на модерации", "moderated a comment"],
  "portal.report": ["пожаловался(ась) на содержание", "reported abuse"],
  "portal.reportDecision": ["рассмотрел(а) жалобу на содержание", "decided on an abuse report"],
  "council.update": ["изменил(а) сведения об общественном совете", "changed the public council's details"],
  "council.member.create": ["включил(а) в общественный совет", "added a member to the public council"],
  "council.member.update": ["изменил(а) сведения о члене общественного совета", "changed a council member"],
  "council.member.delete": ["исключил(а) из общественного совета", "removed a member from the public council"],
  "council.meeting.create": ["назначил(а) заседание общественного совета", "scheduled a council meeting"],
  "council.meeting.update": ["изменил(а) заседание общественного совета", "changed a council meeting"],
  "council.meeting.delete": ["удалил(а) заседание общественного совета", "deleted a council meeting"],
  "council.agenda": ["изменил(а) повестку и решения заседания совета", "changed a council meeting's agenda and decisions"],
  // Q&A sessions and surveys (issue 14, part 5)
  "portal.qaSession": ["назначил(а) сессию вопросов и ответов с разработчиками", "scheduled a Q&A session with the drafters"],
  "portal.qaQuestion": ["задал(а) вопрос разработчикам", "asked the drafters a question"],
  "portal.qaModerate": ["рассмотрел(а) вопрос на модерации", "moderated a question"],
  "portal.qaAnswer": ["записал(а) ответ разработчика на вопрос", "recorded a drafter's answer to a question"],
  "portal.survey": ["создал(а) опрос жителей", "created a survey of residents"],
  "portal.surveyResponse": ["ответил(а) на опрос", "responded to a survey"],
  "resident.signIn": ["вошел(ла) на портал", "signed in to the portal"],
  "resident.profile": ["изменил(а) профиль жителя", "changed a resident's profile"],
  "resident.delete": ["удалил(а) учетную запись жителя", "deleted a resident's account"],
  "resident.signInOidc": ["вошел(ла) на портал через поставщика идентификации", "signed in to the portal through the identity provider"],
  "resident.linkIdentity": [
    "связал(а) учетную запись жителя с поставщиком идентификации",
    "linked a resident's account to the identity provider",
  ],
  "portal.voteClosed": ["голосование завершено, итоги опубликованы", "the vote closed and its results were published"],
  "resident.unsubscribe": ["отписался(ась) от уведомлений", "unsubscribed from notices"],
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
  "appeal.answerSubmit": ["направил(а) проект ответа на обращение на утверждение", "sent an appeal's answer for approval"],
  "appeal.answerApprove": ["утвердил(а) и направил(а) ответ на обращение", "approved and sent an appeal's answer"],
  "appeal.answerReturn": ["вернул(а) проект ответа на обращение с замечанием", "returned an appeal's draft answer with a remark"],
  "appeal.portalCreate": ["направил(а) обращение через портал", "sent an appeal through the portal"],
  "appealTemplate.create": ["создал(а) шаблон ответа на обращения", "created an answer template"],
  "appealTemplate.update": ["изменил(а) шаблон ответа на обращения", "changed an answer template"],
  "appealTemplate.deactivate": ["отключил(а) шаблон ответа на обращения", "deactivated an answer template"],
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
  type_appealTemplate: ["Шаблон ответа на обращения", "Answer template"],
  type_controlOrder: ["Поручение", "Order"],
  type_controlSettings: ["Настройки контроля", "Control settings"],
  type_department: ["Подразделение", "Department"],
  type_hearing: ["Публичные слушания", "Public hearing"],
  type_meeting: ["Совещание", "Meeting"],
  type_portalSetting: ["Настройки портала", "Portal settings"],
  type_proposal: ["Предложение жителя", "Resident's proposal"],
  type_proposalComment: ["Комментарий жителя", "Resident's comment"],
  type_abuseReport: ["Жалоба на содержание", "Abuse report"],
  type_council: ["Общественный совет", "Public council"],
  type_councilMember: ["Член общественного совета", "Council member"],
  type_councilMeeting: ["Заседание общественного совета", "Council meeting"],
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
  field_subjectId: ["Документ", "Document"],
  field_subjectKind: ["Вид документа", "Document kind"],
  field_publishedBy: ["Опубликовал(а)", "Published by"],
  field_publishedAt: ["Опубликовано", "Published at"],
  field_publicationId: ["Публикация", "Publication"],
  field_title: ["Заголовок", "Title"],
  field_userId: ["Пользователь", "User"],
  field_authorId: ["Автор", "Author"],
  field_departmentId: ["Подразделение", "Department"],
  field_executorId: ["Исполнитель", "Executor"],
  field_executorDepartmentId: ["Подразделение-исполнитель", "Executing department"],
  field_controllerId: ["Контролер", "Controller"],
  field_assigneeId: ["Исполнитель", "Assignee"],
  field_answeredBy: ["Ответил(а)", "Answered by"],
  field_moderatedBy: ["Модератор", "Moderated by"],
  field_createdBy: ["Создал(а)", "Created by"],
  field_decidedBy: ["Решение принял(а)", "Decided by"],
  field_versionId: ["Редакция программы", "Program version"],
  field_strategyId: ["Стратегия", "Strategy"],
  field_planId: ["План мероприятий", "Action plan"],
  field_taskId: ["Задача", "Task"],
  field_activityId: ["Мероприятие", "Activity"],
  field_orderId: ["Поручение", "Order"],
  field_documentId: ["Документ", "Document"],
  field_kind: ["Вид", "Kind"],
  field_status: ["Статус", "Status"],
  field_summary: ["Краткое описание", "Summary"],
  field_startsOn: ["Начало", "Starts on"],
  field_endsOn: ["Окончание", "Ends on"],
  field_slug: ["Адрес портала", "Portal address"],
  field_moderation: ["Модерация", "Moderation"],
  field_minDiscussionDays: ["Минимальный срок обсуждения, дней", "Minimum discussion, days"],
  value_moderation_pre: ["до публикации предложения", "before a proposal is shown"],
  value_moderation_post: ["после публикации предложения", "after a proposal is shown"],
  value_kind_discussion: ["общественное обсуждение", "public discussion"],
  value_kind_approved: ["утвержденный документ", "approved document"],
  value_subjectKind_program: ["муниципальная программа", "municipal program"],
  value_subjectKind_amendment: ["изменения программы", "program amendment"],
  value_subjectKind_strategy: ["стратегия", "strategy"],
  value_subjectKind_actionPlan: ["план мероприятий", "action plan"],
  value_status_published: ["опубликовано", "published"],
  value_status_withdrawn: ["снято с публикации", "withdrawn"],
  // who acted when it is no staff member
  actor_resident: ["житель (портал)", "resident (portal)"],
  actor_seed: ["загрузка демонстрационных данных", "demo data loader"],
  actor_system: ["система", "system"],
  actor_portal: ["житель без входа (портал)", "anonymous resident (portal)"],
  actor_operator: ["оператор развертывания", "deployment operator"],
  type_survey: ["Опрос жителей", "Survey of residents"],
  type_surveyResponse: ["Ответ на опрос", "Survey response"],
  type_qa_session: ["Сессия вопросов и ответов", "Q&A session"],
  type_qa_question: ["Вопрос разработчикам", "Question to the drafters"],
  // a vote's results and a survey's response
  field_ballots: ["Бюллетеней", "Ballots"],
  field_options: ["Варианты", "Options"],
  field_votes: ["голосов", "votes"],
  field_winner: ["победитель", "winner"],
  field_turnoutPercent: ["Явка, %", "Turnout, %"],
  field_registeredResidents: ["Зарегистрировано жителей", "Registered residents"],
  field_answers: ["Ответов", "Answers"],
  // a hearing recorded after it was held
  field_place: ["Место", "Place"],
  field_startsAt: ["Начало", "Starts at"],
  field_participants: ["Участников", "Participants"],
  field_protocolNumber: ["Номер протокола", "Protocol number"],
  field_protocolDate: ["Дата протокола", "Protocol date"],
  // the demo registry's counts
  field_appeal: ["Обращений граждан", "Citizens' appeals"],
  field_meeting: ["Совещаний", "Meetings"],
  field_meeting_item: ["Пунктов протоколов совещаний", "Meeting protocol items"],
  field_control_order: ["Поручений", "Orders"],
  field_control_order_deadline: ["Сроков поручений", "Order deadlines"],
  field_registry_document: ["Документов реестра", "Registry documents"],
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
  /** Row id → the row's name (code and name; a person's full name; a publication's title): the links of an entry. */
  names?: ReadonlyMap<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The name of the row a value links to; null for no link, undefined when the row has no known name (its identifier says nothing). */
function linkName(v: unknown, lookups: AuditLookups): string | null | undefined {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v !== "string" || !UUID.test(v)) return undefined;
  const id = v.toLowerCase();
  return lookups.names?.get(id) ?? lookups.users?.get(id) ?? lookups.names?.get(v) ?? lookups.users?.get(v);
}

/** A field that links to another row: a reference of the resource, an `…Id` or `…By`, or any value that is a row's identifier. */
function isLink(field: FieldSpec | undefined, key: string, values: unknown[]): boolean {
  if (field?.type.kind === "ref") return true;
  if (/[a-z](Id|By)$/.test(key))
    return values.every((v) => v === null || v === undefined || v === "" || (typeof v === "string" && UUID.test(v)));
  return values.some((v) => typeof v === "string" && UUID.test(v));
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
export function formatFieldValue(
  field: FieldSpec | undefined,
  v: unknown,
  lang: MessageLang,
  lookups: AuditLookups = {},
  /** The field's key when it is no resource's field (a code of a known list is then written by its label). */
  name?: string,
): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "boolean") return say(AUDIT_TEXTS, lang, v ? "yes" : "no");
  if (typeof v === "number") return field?.type.kind === "year" || field?.name === "year" ? String(v) : formatDecimalIn(String(v), lang);
  if (typeof v !== "string") return structuredValue(v, lang, lookups);
  const kind = field?.type.kind;
  if (kind === "money") return formatDecimalIn(v, lang, 2);
  if (kind === "decimal" || kind === "int") return formatDecimalIn(v, lang);
  if (kind === "date" || (kind === undefined && isIsoDate(v)))
    return lang === "ru" ? formatDateRu(v) : `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
  if (field?.type.kind === "enum") return field.type.labels?.[v]?.[lang] ?? v;
  const valueKey = field ? null : `value_${name ?? ""}_${v}`;
  if (valueKey && hasKey(valueKey)) return say(AUDIT_TEXTS, lang, valueKey);
  // a decimal of no resource's field (a vote's turnout): in the language's notation; codes stay as written
  if (!field && name !== "code" && /^-?\d+\.\d+$/.test(v)) return formatDecimalIn(v, lang, v.split(".")[1]?.length);
  if (field?.name === "source") return lookups.sources?.get(v) ?? v;
  return v;
}

/**
 * A list or an object (a vote's options with their counts, a survey's answers) written for people:
 * each item by its name or title, then its other values labelled; identifiers left out.
 */
function structuredValue(v: unknown, lang: MessageLang, lookups: AuditLookups): string {
  if (Array.isArray(v)) return v.map((x) => formatFieldValue(undefined, x, lang, lookups) ?? "—").join("; ");
  if (typeof v !== "object" || v === null) return String(v);
  const row = v as Record<string, unknown>;
  const title = ["title", "name", "fullName"].map((k) => row[k]).find((x) => typeof x === "string" && x !== "");
  const rest = Object.entries(row)
    .filter(([k, x]) => !["title", "name", "fullName"].includes(k) && !HIDDEN.has(k) && !/Id$/.test(k) && x !== null && x !== undefined)
    .map(([k, x]) => {
      const fieldKey = `field_${k}`;
      const label = hasKey(fieldKey) ? say(AUDIT_TEXTS, lang, fieldKey) : k;
      return `${label} ${formatFieldValue(undefined, x, lang, lookups, k) ?? "—"}`;
    });
  return [title, rest.join(", ")].filter((x) => x).join(": ");
}

/** Who acted, when it is no staff member: a resident of the portal, the demo loader, the system. */
export function auditActorLabel(login: string | null, lang: MessageLang): string | null {
  if (!login) return null;
  if (login.startsWith("resident:")) return say(AUDIT_TEXTS, lang, "actor_resident");
  if (login === "seed") return say(AUDIT_TEXTS, lang, "actor_seed");
  if (login === "system") return say(AUDIT_TEXTS, lang, "actor_system");
  if (login === "portal") return say(AUDIT_TEXTS, lang, "actor_portal");
  if (login === "operator") return say(AUDIT_TEXTS, lang, "actor_operator");
  return login;
}

/** The label of an actor kind of the audit filter ("resident" for every resident, else the login). */
export function auditActorKindLabel(kind: string, lang: MessageLang): string {
  return auditActorLabel(kind === "resident" ? "resident:" : kind, lang) ?? kind;
}

/**
 * An action in words without an entry (the audit log's filter): its sentence, and for the changes
 * of a resource's rows the resource it changed («изменил(а) запись — Финансирование»).
 */
export function auditActionLabel(action: string, lang: MessageLang): string {
  const dot = action.lastIndexOf(".");
  const verb = action.slice(dot + 1);
  const spec = dot > 0 ? RESOURCES.find((r) => r.name === action.slice(0, dot)) : undefined;
  if (hasKey(action)) return say(AUDIT_TEXTS, lang, action);
  if (spec && (verb === "create" || verb === "update" || verb === "delete")) return `${say(AUDIT_TEXTS, lang, verb)} — ${spec.label[lang]}`;
  return say(AUDIT_TEXTS, lang, "other", { action });
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
    (e.objectType === "user" && e.objectId ? lookups.users?.get(e.objectId) : undefined) ??
    (e.objectId ? (linkName(e.objectId, lookups) ?? null) : null);
  const objectLabel = name ? `${typeLabel} «${name}»` : typeLabel;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !HIDDEN.has(k));
  const changes: AuditChange[] = [];
  for (const k of keys) {
    const b = before?.[k];
    const a = after?.[k];
    if (JSON.stringify(b ?? null) === JSON.stringify(a ?? null)) continue;
    const field = spec?.fields.find((f) => f.name === k);
    const fieldKey = `field_${k}`;
    const label = field ? field.label[lang] : hasKey(fieldKey) ? say(AUDIT_TEXTS, lang, fieldKey) : k;
    if (isLink(field, k, [b, a])) {
      // a link to another row: shown by the row's name; left out when a side has no name (its identifier says nothing)
      const nb = linkName(b, lookups);
      const na = linkName(a, lookups);
      if (nb !== undefined && na !== undefined) changes.push({ field: k, label, before: nb, after: na });
      continue;
    }
    changes.push({
      field: k,
      label,
      before: formatFieldValue(field, b, lang, lookups, k),
      after: formatFieldValue(field, a, lang, lookups, k),
    });
  }
  return { actionLabel, objectLabel, changes };
}
