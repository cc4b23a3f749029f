/**
 * The council's demo (issue 14, part 7) for Kaluga: a public council of strategic planning with
 * its members and the organisations they represent, and two meetings with their agendas and
 * decisions, linked to the documents discussed — modelled on Ozersk's council (source 002). The
 * names of people are invented for the demo. Written through the use cases (permissions, audit).
 */
import { councilOf, findMunicipalityByName, findUserByLogin, listPublications, membershipsOfUser, rowsInScope } from "@orientir/db";
import { resource } from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { addCouncilMeeting, addCouncilMember, saveCouncil, saveCouncilAgenda } from "./council.ts";

async function economyOf(ctx: AppContext, municipalityId: string): Promise<Caller> {
  const user = await findUserByLogin(ctx.db, "economy");
  const m = user ? (await membershipsOfUser(ctx.db, user.id)).find((x) => x.municipalityId === municipalityId) : undefined;
  if (!user || !m) throw new Error("demo: economy is not a member");
  return { actor: { userId: user.id, login: user.login, municipalityId, role: m.role, departmentId: m.departmentId }, requestId: null };
}

/** Loads the council's demo once (nothing when the municipality already has a council). */
export async function seedCouncilDemo(ctx: AppContext, municipalityName: string): Promise<boolean> {
  const m = await findMunicipalityByName(ctx.db, municipalityName);
  if (!m || (await councilOf(ctx.db, m.id))) return false;
  const caller = await economyOf(ctx, m.id);
  await saveCouncil(ctx, caller, {
    name: "Общественный совет по стратегическому планированию",
    description:
      "Совещательный орган из представителей общественных организаций, бизнеса и научного сообщества: рассматривает проекты документов стратегического планирования и ход их реализации (демонстрационные данные по образцу Озерска).",
    basis: "постановление администрации (демонстрационный пример)",
  });
  const members = [
    { fullName: "Воронцов Игорь Николаевич", organisation: "Общественная палата города", position: "председатель палаты", role: "chair" },
    { fullName: "Лебедева Ольга Сергеевна", organisation: "Союз предпринимателей", position: "исполнительный директор", role: "deputy" },
    {
      fullName: "Кузнецов Артем Павлович",
      organisation: "Управление экономики администрации",
      position: "главный специалист",
      role: "secretary",
    },
    {
      fullName: "Орлова Марина Викторовна",
      organisation: "Калужский университет (демо)",
      position: "доцент кафедры экономики",
      role: "member",
    },
    { fullName: "Федоров Денис Алексеевич", organisation: "Молодежный совет города", position: "председатель", role: "member" },
  ] as const;
  for (const x of members) await addCouncilMember(ctx, caller, { ...x, since: "2018-01-15" });
  const publications = await listPublications(ctx.db, m.id, true);
  const discussion = publications.find((p) => p.kind === "discussion");
  const programs = await rowsInScope(ctx.db, resource("program"), "municipalityId", m.id);
  const strategies = await rowsInScope(ctx.db, resource("strategy"), "municipalityId", m.id);
  const first = await addCouncilMeeting(ctx, caller, {
    number: "1",
    heldOn: "2018-03-20",
    place: "Администрация города, зал заседаний",
    published: true,
  });
  await saveCouncilAgenda(ctx, caller, first.id, {
    version: first.version,
    items: [
      {
        title: "О проекте стратегии социально-экономического развития",
        speaker: "Начальник управления экономики",
        decision: "Одобрить проект стратегии и рекомендовать вынести его на общественное обсуждение",
        documents: strategies.slice(0, 1).map((s) => ({ kind: "strategy" as const, id: String(s.id) })),
      },
      { title: "О плане работы совета на 2018 год", decision: "Утвердить план работы совета" },
    ],
  });
  const second = await addCouncilMeeting(ctx, caller, {
    number: "2",
    heldOn: "2018-11-22",
    place: "Администрация города, зал заседаний",
    published: true,
  });
  await saveCouncilAgenda(ctx, caller, second.id, {
    version: second.version,
    items: [
      {
        title: "О проекте изменений муниципальной программы и предложениях жителей",
        speaker: "Ответственный исполнитель программы",
        decision: "Поддержать проект с учетом принятых предложений жителей; доработанный проект направить на согласование",
        documents: [
          ...(discussion ? [{ kind: "publication" as const, id: discussion.id }] : []),
          ...programs.slice(0, 1).map((p) => ({ kind: "program" as const, id: String(p.id) })),
        ],
      },
    ],
  });
  return true;
}
