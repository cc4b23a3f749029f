/**
 * Orders on control (issue 15, part 2): putting an order on control (from a resolution, an
 * individual order of the Head, a meeting's protocol item or a live broadcast's question) with its
 * deadline counted on the municipality's calendar, and each step of its life by the table
 * ORDER_TRANSITIONS — in one transaction with its event, its deadline history and its audit entry.
 */
import {
  getControlOrder,
  coexecutorsOfOrders,
  listControlFiles,
  getMeetingItem,
  getNumberingRule,
  getRegistryDocument,
  insertControlOrder,
  insertMeeting,
  insertMeetingItem,
  insertNotification,
  insertOrderCoexecutor,
  insertOrderDeadline,
  insertOrderEvent,
  listControlOrders,
  myControlOrders,
  listMeetings,
  membersOfMunicipality,
  nextSequence,
  orderCoexecutors,
  orderDeadlines,
  orderEvents,
  updateControlOrder,
  upsertControlSetting,
  setDepartmentHead,
  type ControlOrderRecord,
  type Queryable,
} from "@orientir/db";
import type {
  ControlSettings,
  ControlSettingsBody,
  Meeting,
  MeetingBody,
  MeetingList,
  Order,
  OrderBody,
  OrderDetail,
  OrderList,
  OrderListQuery,
  OrderStepBody,
} from "@orientir/contracts";
import {
  CalendarRangeError,
  ConflictError,
  DEFAULT_NUMBERING_RULES,
  NotFoundError,
  ORDER_ACTION_LABELS,
  availableOrderActions,
  ensure,
  formatRegistrationNumber,
  nextPeriodDue,
  orderDue,
  orderStanding,
  soonBound,
  orderTransition,
  yearOf,
  type Actor,
  type OrderParty,
  type OrderTerm,
} from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import {
  PAGE_SIZE,
  blankToNull,
  controlSetup,
  controlSetupUnder,
  decodeCursor,
  hasKeptControlSetup,
  invalid,
  pageOf,
  partiesOf,
  requireIn,
  type ControlSetup,
} from "./shared.ts";
import { checkControlUpload, storeControlFiles } from "./files.ts";

// ---- settings ------------------------------------------------------------------------------------------

export async function controlSettings(ctx: AppContext, caller: Caller): Promise<ControlSettings> {
  const { actor } = caller;
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "settings", parties: [] });
  const s = (await controlSetup(ctx.db, actor.municipalityId, ctx.now())).settings;
  return { officeDepartmentId: s.officeDepartmentId, reminderDaysBefore: s.reminderDaysBefore, version: s.version };
}

export async function updateControlSettings(ctx: AppContext, caller: Caller, body: ControlSettingsBody): Promise<ControlSettings> {
  const { actor } = caller;
  ensure(actor, "update", { area: "control", municipalityId: actor.municipalityId, part: "settings", parties: [] });
  return ctx.db.tx(async (q) => {
    await requireIn(q, "department", actor.municipalityId, body.officeDepartmentId, "officeDepartmentId", "подразделение");
    const s = await upsertControlSetting(q, actor.municipalityId, body);
    await audit(q, caller, { action: "controlSettings.update", objectType: "controlSettings", objectId: actor.municipalityId, after: s });
    return { officeDepartmentId: s.officeDepartmentId, reminderDaysBefore: s.reminderDaysBefore, version: s.version };
  });
}

/** Names the head of a department, to whom its overdue orders are escalated (the administrator). */
export async function setControlDepartmentHead(
  ctx: AppContext,
  caller: Caller,
  departmentId: string,
  userId: string | null,
): Promise<void> {
  const { actor } = caller;
  ensure(actor, "update", { area: "control", municipalityId: actor.municipalityId, part: "settings", parties: [] });
  await ctx.db.tx(async (q) => {
    await requireIn(q, "department", actor.municipalityId, departmentId, "departmentId", "подразделение");
    await requireIn(q, "member", actor.municipalityId, userId, "userId", "пользователь");
    await setDepartmentHead(q, actor.municipalityId, departmentId, userId);
    await audit(q, caller, { action: "controlDepartmentHead.set", objectType: "department", objectId: departmentId, after: { userId } });
  });
}

// ---- meetings ------------------------------------------------------------------------------------------

export async function createMeeting(ctx: AppContext, caller: Caller, body: MeetingBody): Promise<Meeting> {
  const { actor } = caller;
  const m = actor.municipalityId;
  return ctx.db.tx(async (q) => {
    const setup = await controlSetup(q, m, ctx.now());
    ensure(actor, "create", { area: "control", municipalityId: m, part: "meeting", parties: partiesOf(actor, setup.settings) });
    const meeting = await insertMeeting(q, {
      municipalityId: m,
      heldOn: body.heldOn,
      title: body.title.trim(),
      protocolNumber: body.protocolNumber.trim(),
    });
    const items = [];
    for (const [i, it] of body.items.entries())
      items.push(await insertMeetingItem(q, { municipalityId: m, meetingId: meeting.id, number: i + 1, text: it.text.trim() }));
    const out: Meeting = {
      id: meeting.id,
      heldOn: meeting.heldOn,
      title: meeting.title,
      protocolNumber: meeting.protocolNumber,
      items: items.map((x) => ({ id: x.id, number: x.number, text: x.text })),
    };
    await audit(q, caller, { action: "meeting.create", objectType: "meeting", objectId: meeting.id, after: out });
    return out;
  });
}

export async function meetings(ctx: AppContext, caller: Caller): Promise<MeetingList> {
  const { actor } = caller;
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "meeting", parties: [] });
  return {
    items: (await listMeetings(ctx.db, actor.municipalityId)).map((x) => ({
      id: x.id,
      heldOn: x.heldOn,
      title: x.title,
      protocolNumber: x.protocolNumber,
      items: x.items.map((i) => ({ id: i.id, number: i.number, text: i.text })),
    })),
  };
}

// ---- orders --------------------------------------------------------------------------------------------

function orderView(
  o: ControlOrderRecord,
  setup: ControlSetup,
  parties: readonly OrderParty[],
  actor: Actor,
  /** For a list: the reminder window's bound computed once, the steps once per state, periodicity and parties. */
  list?: { bound: string | null; actions: Map<string, Order["actions"]> },
): Order {
  const steps = () =>
    actor.role === "admin"
      ? availableOrderActions(o.state, o.periodicity, ["executor", "controller", "office"])
      : availableOrderActions(o.state, o.periodicity, parties);
  let actions: Order["actions"];
  if (list) {
    const key = `${o.state}|${o.periodicity}|${parties.join(",")}`;
    let kept = list.actions.get(key);
    if (!kept) list.actions.set(key, (kept = steps()));
    // each view its own array (the answer is not shared between rows)
    actions = [...kept];
  } else actions = steps();
  return {
    id: o.id,
    number: o.number,
    source: o.source,
    documentId: o.documentId,
    meetingItemId: o.meetingItemId,
    broadcastQuestion: o.broadcastQuestion,
    text: o.text,
    issuedOn: o.issuedOn,
    termKind: o.termKind,
    termDays: o.termDays,
    due: o.due,
    periodicity: o.periodicity,
    state: o.state,
    responsibleDepartmentId: o.responsibleDepartmentId,
    responsibleUserId: o.responsibleUserId,
    controllerId: o.controllerId,
    strategyTaskId: o.strategyTaskId,
    planActivityId: o.planActivityId,
    programId: o.programId,
    extensions: o.extensions,
    returns: o.returns,
    closedOn: o.closedOn,
    standing:
      o.state === "done"
        ? null
        : list
          ? orderStanding(o.due, setup.today, setup.calendar, setup.settings.reminderDaysBefore, list.bound)
          : orderStanding(o.due, setup.today, setup.calendar, setup.settings.reminderDaysBefore),
    actions,
    version: o.version,
  };
}

async function orderParties(q: Queryable, actor: Actor, setup: ControlSetup, o: ControlOrderRecord): Promise<OrderParty[]> {
  const co = await orderCoexecutors(q, o.id);
  return partiesOf(actor, setup.settings, {
    departmentId: o.responsibleDepartmentId,
    userId: o.responsibleUserId,
    controllerId: o.controllerId,
    coexecutors: co,
  });
}

async function detail(q: Queryable, actor: Actor, setup: ControlSetup, o: ControlOrderRecord): Promise<OrderDetail> {
  const [co, deadlines, events, uploaded] = [
    await orderCoexecutors(q, o.id),
    await orderDeadlines(q, o.id),
    await orderEvents(q, o.id),
    await listControlFiles(q, { orderId: o.id }),
  ];
  const parties = partiesOf(actor, setup.settings, {
    departmentId: o.responsibleDepartmentId,
    userId: o.responsibleUserId,
    controllerId: o.controllerId,
    coexecutors: co,
  });
  return {
    ...orderView(o, setup, parties, actor),
    coexecutors: co.map((c) => ({ departmentId: c.departmentId, userId: c.userId })),
    deadlines: deadlines.map((d) => ({ due: d.due, reason: d.reason, setAt: d.setAt })),
    events: events.map((e) => ({
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      onDate: e.onDate,
      text: e.text,
      requestedDue: e.requestedDue,
      files: [
        ...filesOf(e.files),
        ...uploaded
          .filter((f) => f.orderEventId === String(e.id))
          .map((f) => ({ name: f.filename, size: f.size, sha256: f.sha256, fileId: f.id })),
      ],
      actorName: e.actorName,
      at: e.at,
    })),
  };
}

/** The file references of an event (jsonb, written by insertOrderEvent), read field by field. */
function filesOf(v: unknown): { name: string; size: number | null; sha256: string | null }[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((f: unknown) => {
    if (typeof f !== "object" || f === null || !("name" in f) || typeof f.name !== "string") return [];
    const size = "size" in f && typeof f.size === "number" ? f.size : null;
    const sha256 = "sha256" in f && typeof f.sha256 === "string" ? f.sha256 : null;
    return [{ name: f.name, size, sha256 }];
  });
}

/** Puts an order on control: the office or the Head. */
export async function createOrder(ctx: AppContext, caller: Caller, body: OrderBody): Promise<OrderDetail> {
  const { actor } = caller;
  const m = actor.municipalityId;
  return ctx.db.tx(async (q) => {
    const setup = await controlSetup(q, m, ctx.now());
    ensure(actor, "create", { area: "control", municipalityId: m, part: "order", parties: partiesOf(actor, setup.settings) });
    // the source and what it needs
    const documentId = body.source === "resolution" ? (body.documentId ?? null) : null;
    const meetingItemId = body.source === "meeting" ? (body.meetingItemId ?? null) : null;
    const broadcastQuestion = body.source === "broadcast" ? blankToNull(body.broadcastQuestion) : null;
    if (body.source === "resolution") {
      if (!documentId) throw invalid("documentId", "Резолюция дается по документу реестра: укажите документ", "A document is required");
      const d = await getRegistryDocument(q, documentId);
      if (!d || d.municipalityId !== m) throw invalid("documentId", "Нет такого документа в реестре", "No such document");
    }
    if (body.source === "meeting") {
      if (!meetingItemId) throw invalid("meetingItemId", "Укажите пункт протокола совещания", "A meeting item is required");
      const it = await getMeetingItem(q, meetingItemId);
      if (!it || it.municipalityId !== m) throw invalid("meetingItemId", "Нет такого пункта протокола", "No such meeting item");
    }
    if (body.source === "broadcast" && !broadcastQuestion)
      throw invalid("broadcastQuestion", "Укажите вопрос жителя из прямого эфира", "The broadcast question is required");
    await requireIn(q, "department", m, body.responsibleDepartmentId, "responsibleDepartmentId", "подразделение");
    await requireIn(q, "member", m, body.responsibleUserId, "responsibleUserId", "пользователь");
    await requireIn(q, "member", m, body.controllerId, "controllerId", "пользователь");
    await requireIn(q, "strategy_task", m, body.strategyTaskId, "strategyTaskId", "задача стратегии");
    await requireIn(q, "plan_activity", m, body.planActivityId, "planActivityId", "мероприятие плана");
    await requireIn(q, "program", m, body.programId, "programId", "программа");
    const coexecutors = body.coexecutors ?? [];
    for (const [i, c] of coexecutors.entries()) {
      if (((c.departmentId ?? null) === null) === ((c.userId ?? null) === null))
        throw invalid(`coexecutors[${i}]`, "Соисполнитель — подразделение или сотрудник (одно из двух)");
      await requireIn(q, "department", m, c.departmentId, `coexecutors[${i}].departmentId`, "подразделение");
      await requireIn(q, "member", m, c.userId, `coexecutors[${i}].userId`, "пользователь");
    }
    const term: OrderTerm =
      body.term.kind === "date" ? { kind: "date", due: body.term.due } : { kind: body.term.kind, days: body.term.days };
    let due: string;
    try {
      due = orderDue(body.issuedOn, term, setup.calendar);
    } catch (e) {
      if (e instanceof CalendarRangeError || e instanceof RangeError)
        throw invalid("term", `Срок не вычисляется по производственному календарю: ${e.message}`);
      throw e;
    }
    if (due < body.issuedOn)
      throw invalid("term.due", "Срок исполнения не может быть раньше даты поручения", "The deadline precedes the order");
    const year = yearOf(body.issuedOn);
    const rule = (await getNumberingRule(q, m, "order")) ?? DEFAULT_NUMBERING_RULES.order;
    const number = formatRegistrationNumber(rule, await nextSequence(q, m, "order", year), year);
    const o = await insertControlOrder(q, {
      municipalityId: m,
      number,
      source: body.source,
      documentId,
      meetingItemId,
      broadcastQuestion,
      text: body.text.trim(),
      issuedOn: body.issuedOn,
      termKind: term.kind,
      termDays: term.kind === "date" ? null : term.days,
      due,
      periodicity: body.periodicity ?? "none",
      responsibleDepartmentId: body.responsibleDepartmentId,
      responsibleUserId: body.responsibleUserId ?? null,
      controllerId: body.controllerId ?? null,
      strategyTaskId: body.strategyTaskId ?? null,
      planActivityId: body.planActivityId ?? null,
      programId: body.programId ?? null,
      createdBy: actor.userId,
    });
    for (const c of coexecutors)
      await insertOrderCoexecutor(q, { municipalityId: m, orderId: o.id, departmentId: c.departmentId ?? null, userId: c.userId ?? null });
    const at = ctx.now().toISOString();
    await insertOrderDeadline(q, {
      municipalityId: m,
      orderId: o.id,
      due,
      reason: "срок при постановке на контроль",
      setBy: actor.userId,
      at,
    });
    await insertOrderEvent(q, {
      municipalityId: m,
      orderId: o.id,
      action: "issue",
      fromState: null,
      toState: "issued",
      onDate: body.issuedOn,
      text: null,
      requestedDue: null,
      files: [],
      actorId: actor.userId,
      at,
    });
    await notifyDepartment(q, m, o.responsibleDepartmentId, o.responsibleUserId, {
      title: `Новое поручение ${o.number}: срок ${ruDate(o.due)}`,
      body: o.text.slice(0, 500),
      link: `/control/orders/${o.id}`,
      at,
    });
    await audit(q, caller, { action: "order.create", objectType: "controlOrder", objectId: o.id, after: o });
    return detail(q, actor, setup, o);
  });
}

const ruDate = (d: string) => d.split("-").reverse().join(".");

/** An in-app notice to the members of a department (and the person named), about an event of an order. */
async function notifyDepartment(
  q: Queryable,
  municipalityId: string,
  departmentId: string | null,
  userId: string | null,
  n: { title: string; body: string; link: string; at: string },
): Promise<void> {
  const members = await membersOfMunicipality(q, municipalityId);
  const to = new Set(
    members.filter((x) => (departmentId !== null && x.departmentId === departmentId) || x.userId === userId).map((x) => x.userId),
  );
  for (const u of to)
    await insertNotification(q, {
      municipalityId,
      userId: u,
      programId: null,
      kind: "control.order",
      title: n.title,
      body: n.body,
      link: n.link,
      deadlineKey: null,
      moment: null,
      dueDate: null,
      at: n.at,
    });
}

async function notifyUser(
  q: Queryable,
  municipalityId: string,
  userId: string | null,
  n: { title: string; body: string; link: string; at: string },
) {
  if (userId === null) return;
  await insertNotification(q, {
    municipalityId,
    userId,
    programId: null,
    kind: "control.order",
    ...n,
    deadlineKey: null,
    moment: null,
    dueDate: null,
  });
}

/** One step of an order's life (ORDER_TRANSITIONS), by its party, with what the step needs. */
export async function orderStep(ctx: AppContext, caller: Caller, id: string, body: OrderStepBody): Promise<OrderDetail> {
  const { actor } = caller;
  const m = actor.municipalityId;
  // the files of the step checked before anything is written (a refused one: 400 naming files[i].contentBase64)
  const uploads = (body.files ?? []).flatMap((f, i) =>
    f.contentBase64 === undefined ? [] : [checkControlUpload(f.contentBase64, f.name, null, `files[${i}].contentBase64`)],
  );
  return ctx.db.tx(async (q) => {
    const o = await getControlOrder(q, id, true);
    if (!o || o.municipalityId !== m) throw new NotFoundError("поручение", id);
    const setup = await controlSetup(q, m, ctx.now());
    const parties = await orderParties(q, actor, setup, o);
    ensure(actor, "update", { area: "control", municipalityId: m, part: "order", parties, step: body.action });
    if (body.version !== o.version) throw new ConflictError("Поручение изменено другим пользователем: обновите страницу", o);
    const t = orderTransition(o.state, body.action, o.periodicity);
    if (!t)
      throw invalid(
        "action",
        `«${ORDER_ACTION_LABELS[body.action].ru}» недоступно для поручения в состоянии «${o.state}»${o.periodicity === "none" && body.action === "periodicReport" ? " (поручение не длящееся)" : ""}`,
        `${body.action} is not allowed in state ${o.state}`,
      );
    const text = blankToNull(body.text);
    const remarks = blankToNull(body.remarks);
    const result = blankToNull(body.result);
    for (const r of t.requires ?? []) {
      if (r === "text" && !text) throw invalid("text", "Заполните текст (отчет или обоснование)", "Text is required");
      if (r === "remarks" && !remarks) throw invalid("remarks", "Укажите замечания", "Remarks are required");
      if (r === "result" && !result) throw invalid("result", "Укажите результат проверки", "The result is required");
      if (r === "newDue" && !body.newDue) throw invalid("newDue", "Укажите новый срок", "A new deadline is required");
      if (r === "executor" && !body.responsibleDepartmentId)
        throw invalid("responsibleDepartmentId", "Укажите нового исполнителя", "An executor is required");
    }
    if ((body.action === "requestExtension" || body.action === "grantExtension") && body.newDue && body.newDue <= o.due)
      throw invalid(
        "newDue",
        `Новый срок должен быть позже текущего (${ruDate(o.due)})`,
        "The new deadline must be later than the current one",
      );
    const today = setup.today;
    const at = ctx.now().toISOString();
    const change: Parameters<typeof updateControlOrder>[3] = {};
    if (t.to !== null && t.to !== o.state) change.state = t.to;
    let deadlineReason: string | null = null;
    switch (body.action) {
      case "grantExtension":
        change.due = body.newDue!;
        change.extensions = o.extensions + 1;
        deadlineReason = `продление${text ? `: ${text}` : ""}`;
        break;
      case "periodicReport":
        if (o.periodicity === "none") throw invalid("action", "Поручение не длящееся");
        change.due = nextPeriodDue(o.due, o.periodicity);
        deadlineReason = "следующий отчетный период";
        break;
      case "accept":
        change.closedOn = today;
        break;
      case "return":
        change.returns = o.returns + 1;
        break;
      case "reassign":
        await requireIn(q, "department", m, body.responsibleDepartmentId, "responsibleDepartmentId", "подразделение");
        await requireIn(q, "member", m, body.responsibleUserId, "responsibleUserId", "пользователь");
        change.responsibleDepartmentId = body.responsibleDepartmentId!;
        change.responsibleUserId = body.responsibleUserId ?? null;
        break;
      default:
        break;
    }
    const updated = await updateControlOrder(q, o.id, o.version, change);
    if (!updated) throw new ConflictError("Поручение изменено другим пользователем: обновите страницу", o);
    if (deadlineReason)
      await insertOrderDeadline(q, { municipalityId: m, orderId: o.id, due: updated.due, reason: deadlineReason, setBy: actor.userId, at });
    const eventId = await insertOrderEvent(q, {
      municipalityId: m,
      orderId: o.id,
      action: body.action,
      fromState: o.state,
      toState: updated.state,
      onDate: today,
      text:
        body.action === "return" || body.action === "refuseExtension"
          ? remarks
          : body.action === "recordCheck"
            ? result
            : (text ?? remarks),
      requestedDue: body.action === "requestExtension" || body.action === "grantExtension" ? (body.newDue ?? null) : null,
      // references only (name, size, hash); the uploaded files are rows of control_file attached to the event
      files: (body.files ?? [])
        .filter((f) => f.contentBase64 === undefined)
        .map((f) => ({ name: f.name, size: f.size ?? null, sha256: f.sha256 ?? null })),
      actorId: actor.userId,
      at,
    });
    await storeControlFiles(q, actor, uploads, { orderId: o.id, orderEventId: eventId });
    // who hears of it: the controller of a request or a report, the executors of a decision
    const link = `/control/orders/${o.id}`;
    const label = ORDER_ACTION_LABELS[body.action].ru;
    if (body.action === "requestExtension" || body.action === "report" || body.action === "periodicReport")
      await notifyUser(q, m, o.controllerId, { title: `Поручение ${o.number}: ${label.toLowerCase()}`, body: text ?? "", link, at });
    if (["grantExtension", "refuseExtension", "accept", "return", "reassign"].includes(body.action))
      await notifyDepartment(q, m, updated.responsibleDepartmentId, updated.responsibleUserId, {
        title: `Поручение ${o.number}: ${label.toLowerCase()}${body.action === "grantExtension" ? ` до ${ruDate(updated.due)}` : ""}`,
        body: remarks ?? text ?? "",
        link,
        at,
      });
    await audit(q, caller, { action: `order.${body.action}`, objectType: "controlOrder", objectId: o.id, before: o, after: updated });
    return detail(q, actor, setup, updated);
  });
}

export async function order(ctx: AppContext, caller: Caller, id: string): Promise<OrderDetail> {
  const { actor } = caller;
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "order", parties: [] });
  const o = await getControlOrder(ctx.db, id);
  if (!o || o.municipalityId !== actor.municipalityId) throw new NotFoundError("поручение", id);
  return detail(ctx.db, actor, await controlSetup(ctx.db, actor.municipalityId, ctx.now()), o);
}

/** Orders: all, mine (executor, co-executor, controller — by person or department), a department's, open only. */
export async function orders(ctx: AppContext, caller: Caller, query: OrderListQuery): Promise<OrderList> {
  const { actor } = caller;
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "order", parties: [] });
  const limit = query.limit ?? PAGE_SIZE;
  const after = decodeCursor(query.after);
  // a page by term, then number (one row more tells whether another follows), counted with the first
  if (query.mine === "1") {
    // the setup kept by this process is taken if the list's statement shows it unchanged (then no
    // statement of its own); read first when none is kept
    const early = hasKeptControlSetup(ctx.db, actor.municipalityId) ? null : await controlSetup(ctx.db, actor.municipalityId, ctx.now());
    // mine: as a person (executor, controller, co-executor) and as a member of a department, with the
    // co-executors, in one statement
    const found = await myControlOrders(ctx.db, actor.municipalityId, {
      userId: actor.userId,
      departmentId: actor.departmentId,
      openOnly: query.open === "1",
      limit: limit + 1,
      after,
    });
    const setup = early ?? (await controlSetupUnder(ctx.db, actor.municipalityId, found[0]?.setupChange, ctx.now()));
    const page = pageOf(
      found.map((x) => ({ id: x.order.id, number: x.order.number, total: x.total, x })),
      limit,
      after === null,
      (r) => r.x.order.due,
    );
    return {
      items: views(
        actor,
        setup,
        page.rows.map((r) => r.x),
      ),
      next: page.next,
      total: page.total,
      totalCapped: page.totalCapped,
    };
  }
  const setup = await controlSetup(ctx.db, actor.municipalityId, ctx.now());
  const rows = await listControlOrders(ctx.db, actor.municipalityId, {
    departmentId: query.departmentId ?? null,
    openOnly: query.open === "1",
    limit: limit + 1,
    after,
    count: after === null,
  });
  const page = pageOf(rows, limit, after === null, (o) => o.due);
  return { items: await listViews(ctx.db, actor, setup, page.rows), next: page.next, total: page.total, totalCapped: page.totalCapped };
}

/** The list's views: the co-executors of all the orders in one statement. */
async function listViews(q: Queryable, actor: Actor, setup: ControlSetup, rows: readonly ControlOrderRecord[]): Promise<Order[]> {
  const co = new Map<string, { departmentId: string | null; userId: string | null }[]>();
  for (const c of await coexecutorsOfOrders(
    q,
    rows.map((o) => o.id),
  ))
    co.set(c.orderId, [...(co.get(c.orderId) ?? []), c]);
  return views(
    actor,
    setup,
    rows.map((order) => ({ order, coexecutors: co.get(order.id) ?? [] })),
  );
}

function views(
  actor: Actor,
  setup: ControlSetup,
  rows: readonly { order: ControlOrderRecord; coexecutors: { departmentId: string | null; userId: string | null }[] }[],
): Order[] {
  const list = {
    bound: soonBound(setup.today, setup.calendar, setup.settings.reminderDaysBefore),
    actions: new Map<string, Order["actions"]>(),
  };
  return rows.map(({ order: o, coexecutors }) =>
    orderView(
      o,
      setup,
      partiesOf(actor, setup.settings, {
        departmentId: o.responsibleDepartmentId,
        userId: o.responsibleUserId,
        controllerId: o.controllerId,
        coexecutors,
      }),
      actor,
      list,
    ),
  );
}

/** The orders about a program (linked to it), for the program's page. */
export async function ordersOfProgram(ctx: AppContext, caller: Caller, programId: string): Promise<OrderList> {
  const { actor } = caller;
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "order", parties: [] });
  const setup = await controlSetup(ctx.db, actor.municipalityId, ctx.now());
  const rows = await listControlOrders(ctx.db, actor.municipalityId, { programId, limit: 1000 });
  // a program's orders, all on its page
  return { items: await listViews(ctx.db, actor, setup, rows), next: null, total: rows.length, totalCapped: false };
}
