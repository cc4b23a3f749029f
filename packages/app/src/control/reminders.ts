/**
 * The forms of control as behaviour (issue 15, part 2), run by the hourly `reminders.scan` job:
 *  - preventive control: a reminder to the executors of an open order N working days before its
 *    deadline (N from the control settings) and on the day;
 *  - daily monitoring: one digest a day to each executor and controller listing what is due within
 *    the window and what is overdue;
 *  - escalation: an overdue order is reported to the head of its department.
 * Each is a notification (and, with an address and SMTP, an e-mail) unique per (user, key, moment),
 * so however many scans or processes run, each is given once.
 */
import {
  allMunicipalityIds,
  coexecutorsOfOrders,
  departmentHeads,
  enqueueJob,
  insertNotification,
  insertOutboxMail,
  listControlOrders,
  membersOfMunicipality,
  purgeAppealPersonalData,
  purgeAppealAnswerTexts,
  type ControlOrderRecord,
  type Queryable,
} from "@orientir/db";
import { addWorkingDays, orderStanding, type OrderStanding } from "@orientir/domain";
import type { AppContext } from "../context.ts";
import { controlSetup } from "./shared.ts";

const ruDate = (d: string) => d.split("-").reverse().join(".");

interface Give {
  municipalityId: string;
  municipalityName: string;
  userId: string;
  email: string | null;
  fullName: string;
  key: string;
  moment: string;
  title: string;
  body: string;
  link: string;
  due: string | null;
  at: string;
}

async function give(q: Queryable, g: Give, email: boolean): Promise<{ notification: boolean; email: boolean }> {
  const id = await insertNotification(q, {
    municipalityId: g.municipalityId,
    userId: g.userId,
    programId: null,
    kind: `control.${g.moment}`,
    title: g.title,
    body: g.body,
    link: g.link,
    deadlineKey: g.key,
    moment: g.moment,
    dueDate: g.due,
    at: g.at,
  });
  if (!email || !g.email) return { notification: id !== null, email: false };
  const mailId = await insertOutboxMail(q, {
    municipalityId: g.municipalityId,
    userId: g.userId,
    toAddress: g.email,
    subject: `[Ориентир] ${g.title}`,
    body: `${g.fullName},\n\n${g.body}\n\n— Ориентир, ${g.municipalityName}`,
    deadlineKey: g.key,
    moment: g.moment,
    at: g.at,
  });
  if (mailId)
    await enqueueJob(q, {
      kind: "email.send",
      payload: { outboxId: mailId },
      uniqueKey: `email:${mailId}`,
      runAt: g.at,
      municipalityId: g.municipalityId,
      maxAttempts: 8,
    });
  return { notification: id !== null, email: mailId !== null };
}

export interface ControlScanResult {
  reminders: number;
  digests: number;
  escalations: number;
  /** Appeals whose author's personal data was erased by the retention rules. */
  purged: number;
}

/** Today's preventive reminders, digests and escalations of every municipality (one transaction each). */
export async function scanControlReminders(ctx: AppContext, opts: { email: boolean }): Promise<ControlScanResult> {
  const out: ControlScanResult = { reminders: 0, digests: 0, escalations: 0, purged: 0 };
  const now = ctx.now();
  const at = now.toISOString();
  for (const m of await allMunicipalityIds(ctx.db)) {
    await ctx.db.tx(async (q) => {
      const setup = await controlSetup(q, m.id, now);
      const { today, calendar, settings } = setup;
      let horizon: string;
      try {
        horizon = addWorkingDays(calendar, today, settings.reminderDaysBefore);
      } catch {
        horizon = today;
      }
      // retention (59-ФЗ appeals): the personal data whose term ended is erased
      await purgeAppealAnswerTexts(q, m.id, today);
      out.purged += await purgeAppealPersonalData(q, m.id, today);
      const open = await listControlOrders(q, m.id, { dueBy: horizon, limit: 100000 });
      if (open.length === 0) return;
      const members = await membersOfMunicipality(q, m.id);
      const byId = new Map(members.map((x) => [x.userId, x]));
      const co = await coexecutorsOfOrders(
        q,
        open.map((o) => o.id),
      );
      const heads = await departmentHeads(q, m.id);
      /** The executors of an order: the person named, the responsible department's members, the co-executors. */
      const executorsOf = (o: ControlOrderRecord): Set<string> => {
        const s = new Set<string>();
        if (o.responsibleUserId) s.add(o.responsibleUserId);
        for (const x of members)
          if (x.departmentId === o.responsibleDepartmentId && (x.role === "executor" || x.role === "coexecutor")) s.add(x.userId);
        for (const c of co.filter((c) => c.orderId === o.id)) {
          if (c.userId) s.add(c.userId);
          if (c.departmentId)
            for (const x of members)
              if (x.departmentId === c.departmentId && (x.role === "executor" || x.role === "coexecutor")) s.add(x.userId);
        }
        return s;
      };
      const digest = new Map<string, { due: string[]; overdue: string[] }>();
      const addDigest = (userId: string, standing: OrderStanding, line: string) => {
        const d = digest.get(userId) ?? { due: [], overdue: [] };
        (standing === "overdue" ? d.overdue : d.due).push(line);
        digest.set(userId, d);
      };
      for (const o of open) {
        const standing = orderStanding(o.due, today, calendar, settings.reminderDaysBefore);
        if (standing === "notYet") continue;
        const line = `${o.number} — срок ${ruDate(o.due)}: ${o.text.slice(0, 160)}`;
        const executors = executorsOf(o);
        const link = `/control/orders/${o.id}`;
        for (const u of executors) {
          addDigest(u, standing, line);
          const r = byId.get(u);
          if (!r || standing === "overdue") continue;
          // preventive control: once before (keyed by the deadline, so an extension starts anew) and on the day
          const moment = standing === "dueToday" ? "due" : "before";
          const g = await give(
            q,
            {
              municipalityId: m.id,
              municipalityName: m.name,
              userId: u,
              email: r.email,
              fullName: r.fullName,
              key: `control:order:${o.id}:${o.due}`,
              moment,
              title: `${moment === "due" ? "Срок сегодня" : "Напоминание"}: поручение ${o.number} — срок ${ruDate(o.due)}`,
              body: `Поручение ${o.number}: ${o.text}\nСрок исполнения — ${ruDate(o.due)}.`,
              link,
              due: o.due,
              at,
            },
            opts.email,
          );
          if (g.notification) out.reminders++;
        }
        if (o.controllerId) addDigest(o.controllerId, standing, line);
        if (standing === "overdue") {
          // escalation to the head of the department (or, none named, nobody more: the digest already says it)
          const head = heads.get(o.responsibleDepartmentId);
          const r = head ? byId.get(head) : undefined;
          if (r) {
            const g = await give(
              q,
              {
                municipalityId: m.id,
                municipalityName: m.name,
                userId: r.userId,
                email: r.email,
                fullName: r.fullName,
                key: `control:order:${o.id}:${o.due}`,
                moment: "escalation",
                title: `Просрочено поручение ${o.number} (срок ${ruDate(o.due)})`,
                body: `Поручение ${o.number} вашего подразделения не исполнено в срок ${ruDate(o.due)}: ${o.text}`,
                link,
                due: o.due,
                at,
              },
              opts.email,
            );
            if (g.notification) out.escalations++;
          }
        }
      }
      for (const [userId, d] of digest) {
        const r = byId.get(userId);
        if (!r) continue;
        const body = [
          d.overdue.length ? `Просрочено (${d.overdue.length}):\n${d.overdue.map((l) => `• ${l}`).join("\n")}` : "",
          d.due.length ? `Срок подходит (${d.due.length}):\n${d.due.map((l) => `• ${l}`).join("\n")}` : "",
        ]
          .filter(Boolean)
          .join("\n\n");
        const g = await give(
          q,
          {
            municipalityId: m.id,
            municipalityName: m.name,
            userId,
            email: r.email,
            fullName: r.fullName,
            key: `control:digest:${today}`,
            moment: "digest",
            title: `Контроль на ${ruDate(today)}: просрочено ${d.overdue.length}, срок подходит ${d.due.length}`,
            body,
            link: "/control/orders?mine=1",
            due: today,
            at,
          },
          opts.email,
        );
        if (g.notification) out.digests++;
      }
    });
  }
  return out;
}
