/**
 * The portal's demo of public hearings (issue 14, part 4), for Kaluga, modelled on Ozersk's hearings
 * of 22.11.2018 (source 002): hearings held during the finished discussion, recorded afterwards with
 * their participants and protocol (number, date, text, recommendations); and hearings announced on
 * the draft amendment now on discussion, which residents may register to speak at. Both through the
 * use cases (permissions, checks, audit). Loaded once: nothing when the municipality has hearings.
 */
import { findMunicipalityByName, findUserByLogin, listHearings, membershipsOfUser } from "@orientir/db";
import type { AppContext, Caller } from "../context.ts";
import { staffDiscussions, recordHeldHearing } from "./discussions.ts";
import { announceHearing } from "./hearings.ts";

const DAY = 86_400_000;

async function callerOf(ctx: AppContext, municipalityId: string, login: string): Promise<Caller> {
  const user = await findUserByLogin(ctx.db, login);
  const m = user ? (await membershipsOfUser(ctx.db, user.id)).find((x) => x.municipalityId === municipalityId) : undefined;
  if (!user || !m) throw new Error(`demo: ${login} is not a member`);
  return { actor: { userId: user.id, login: user.login, municipalityId, role: m.role, departmentId: m.departmentId }, requestId: null };
}

/** 17:00 Moscow time (UTC+3) of the day `days` from now. */
function at17(ctx: AppContext, days: number): string {
  return `${new Date(ctx.now().getTime() + days * DAY).toISOString().slice(0, 10)}T17:00:00+03:00`;
}

export async function seedHearingsDemo(ctx: AppContext, municipalityName: string): Promise<boolean> {
  const m = await findMunicipalityByName(ctx.db, municipalityName);
  if (!m) return false;
  if ((await listHearings(ctx.db, m.id)).length > 0) return false;
  const economy = await callerOf(ctx, m.id, "economy");
  const { items } = await staffDiscussions(ctx, economy);
  const finished = items.find((d) => d.state === "closed" && d.protocol && d.status === "published");
  const open = items.find((d) => d.state === "open" && d.status === "published" && d.subjectKind === "amendment");
  if (!finished && !open) return false;
  if (finished) {
    const held = at17(ctx, -12);
    await recordHeldHearing(ctx, economy, {
      publicationId: finished.publicationId,
      title: `Публичные слушания: ${finished.title}`,
      place: "г. Калуга, зал заседаний Городской Управы",
      startsAt: held,
      agenda: [
        "Доклад разработчика о проекте программы",
        "Выступления жителей и представителей общественных организаций",
        "Рекомендации по проекту",
      ],
      participants: 86,
      protocolNumber: "ПС-1",
      protocolDate: new Date(Date.parse(held) + DAY).toISOString().slice(0, 10),
      protocol:
        "Слушания открыл заместитель Городского Головы. С докладом о проекте выступил начальник управления экономики. " +
        "Выступили 7 участников: о ежегодном отчете перед жителями, о группах продленного дня, о показателях охвата детей кружками. " +
        "Предложения участников переданы разработчику для рассмотрения вместе с предложениями, поступившими на портал.",
      recommendations: [
        "Одобрить проект программы с учетом предложений, поступивших в ходе общественного обсуждения",
        "Предусмотреть ежегодный публичный отчет о ходе реализации программы",
      ],
    });
  }
  if (open) {
    await announceHearing(ctx, economy, {
      publicationId: open.publicationId,
      title: `Публичные слушания: ${open.title}`,
      place: "г. Калуга, зал заседаний Городской Управы",
      startsAt: at17(ctx, 14),
      agenda: ["Доклад о проекте изменений", "Выступления записавшихся участников", "Рекомендации по проекту изменений"],
    });
  }
  return true;
}
