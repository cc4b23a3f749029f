/**
 * The portal's demo (issue 14, part 10), for Kaluga: the portal at /p/kaluga; a draft amendment of
 * a program published for discussion with residents' proposals at each stage of moderation and
 * answer; an approved program published with its evaluation; a closed rating vote with its results
 * (modelled on Ozersk's vote for public spaces); demo residents resident1…resident3
 * (`residentN@demo.orientir.example`, signing in by a code that the local SMTP sink prints).
 * Everything goes through the use cases (permissions, checks, audit) except what only the past can
 * hold: the closed vote and its ballots are recorded as held.
 */
import { createHash } from "node:crypto";
import {
  ensureResident,
  findMunicipalityByName,
  findUserByLogin,
  insertConsent,
  insertPastBallot,
  insertSyntheticPastBallots,
  insertVote,
  listPublications,
  membershipsOfUser,
  rowsInScope,
  updateResidentProfile,
  voteOptions,
} from "@orientir/db";
import { resource } from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { todayIn } from "../context.ts";
import { answer, makeProposal, moderate } from "./participation.ts";
import { portalOf, publish, savePortalSettings } from "./publications.ts";
import { CONSENT_TEXT, type ResidentCaller } from "./residents.ts";

export const DEMO_RESIDENTS = [
  { login: "resident1", fullName: "Соколова Анна Викторовна", birthYear: 1984, address: "г. Калуга, ул. Кирова, 10" },
  { login: "resident2", fullName: "Егоров Павел Андреевич", birthYear: 1969, address: "г. Калуга, ул. Ленина, 52" },
  { login: "resident3", fullName: "Малышева Дарья Олеговна", birthYear: 2004, address: null },
] as const;

/** The demo's closed vote: as many ballots as Ozersk's rating vote for public spaces (source 002). */
export const DEMO_VOTE = { ballots: 9305, eligible: 285_000 } as const;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function callerOf(ctx: AppContext, municipalityId: string, login: string): Promise<Caller> {
  const user = await findUserByLogin(ctx.db, login);
  const m = user ? (await membershipsOfUser(ctx.db, user.id)).find((x) => x.municipalityId === municipalityId) : undefined;
  if (!user || !m) throw new Error(`demo: ${login} is not a member`);
  return { actor: { userId: user.id, login: user.login, municipalityId, role: m.role, departmentId: m.departmentId }, requestId: null };
}

/** Loads the portal's demo into a seeded municipality once (nothing when its portal has publications). */
export async function seedPortalDemo(ctx: AppContext, municipalityName: string, slug: string): Promise<boolean> {
  const m = await findMunicipalityByName(ctx.db, municipalityName);
  if (!m) return false;
  if ((await listPublications(ctx.db, m.id, false)).length > 0) return false;
  const admin = await callerOf(ctx, m.id, "admin");
  const economy = await callerOf(ctx, m.id, "economy");
  await savePortalSettings(ctx, admin, { slug, moderation: "pre", minDiscussionDays: 30 });
  const portal = await portalOf(ctx, slug);
  const programs = (await rowsInScope(ctx.db, resource("program"), "municipalityId", m.id)).sort((a, b) =>
    String(a.code).localeCompare(String(b.code), "ru", { numeric: true }),
  );
  // the amendment is drafted on the last program; the first is published as approved, with its evaluation
  const draftOf = programs[programs.length - 1];
  const approved = programs.length > 1 ? programs[0] : undefined;
  if (!draftOf) return false;

  // residents: accounts with their consent and profile, as after their first sign-in
  const now = ctx.now().toISOString();
  const residents: ResidentCaller[] = [];
  for (const r of DEMO_RESIDENTS) {
    const x = await ctx.db.tx(async (q) => {
      const made = await ensureResident(q, `${r.login}@demo.orientir.example`, now);
      await insertConsent(q, { residentId: made.id, text: CONSENT_TEXT, sha256: sha256(CONSENT_TEXT), at: now });
      return (await updateResidentProfile(q, made.id, { fullName: r.fullName, address: r.address, birthYear: r.birthYear }))!;
    });
    residents.push({ resident: x, csrfToken: "", sessionId: "" });
  }

  // the last program's draft, on discussion since five days. The demo publishes the program's rows as
  // they stand, without opening an amendment in the approval workflow (the demo programs stay in force
  // for everything else): a draft program, not an amendment, since an accepted proposal on an
  // amendment must name the change of its diff that takes it up, and without an amendment there is none.
  const today = todayIn(ctx);
  const draft = await publish(ctx, economy, {
    kind: "discussion",
    subjectKind: "program",
    subjectId: draftOf.id,
    summary:
      "Проект муниципальной программы вынесен на общественное обсуждение. Предложения и замечания принимаются к целям, задачам, мероприятиям и показателям программы.",
    startsOn: addDays(today, -5),
    endsOn: addDays(today, 30),
  });
  const proposals: [number, "proposal" | "remark", string][] = [
    [0, "proposal", "Предусмотреть строительство пристройки к школе № 5: классы переполнены, обучение в две смены."],
    [1, "remark", "Значения показателя охвата дополнительным образованием на 2027 год занижены по сравнению с 2026 годом."],
    [2, "proposal", "Включить в программу оборудование спортивных площадок во дворах школ микрорайона Правгород."],
    [0, "proposal", "Добавить мероприятие по обновлению компьютерных классов в сельских школах городского округа."],
    [1, "remark", "Реклама услуг репетитора: звоните по телефону."],
    [2, "proposal", "Перенести финансирование с капитального ремонта на строительство нового бассейна."],
    [0, "remark", "Предлагаю отремонтировать дорогу на ул. Кирова."],
  ];
  const made = [];
  for (const [who, kind, text] of proposals)
    made.push(await makeProposal(ctx, portal, residents[who]!, draft.id, { kind, anchor: "document", text }));
  // 0: awaits moderation. 4: rejected by the moderator. 1..: published; then answered
  const reject = made[4]!;
  await moderate(ctx, economy, reject.id, {
    version: reject.version,
    moderation: "rejected",
    reason: "Реклама: не относится к обсуждению (правила портала, п. 3)",
  });
  const published = [];
  for (const i of [1, 2, 3, 5, 6]) {
    const p = made[i]!;
    published.push(await moderate(ctx, economy, p.id, { version: p.version, moderation: "published", reason: null }));
  }
  const answers: [number, "accepted" | "partly" | "rejected" | "outOfScope", string][] = [
    [0, "accepted", "Учтено: значения показателя на 2027 год уточнены в проекте изменений (раздел «Показатели»)."],
    [1, "partly", "Учтено частично: площадки двух школ включены в мероприятие 1.1 на 2027 год, остальные — в следующий этап."],
    [
      3,
      "rejected",
      "Отклонено: строительство бассейна не предусмотрено бюджетом на плановый период; средства капитального ремонта целевые.",
    ],
    [4, "outOfScope", "Вне предмета программы: ремонт дорог — муниципальная программа «Развитие дорожного хозяйства»."],
  ];
  for (const [i, decision, text] of answers) {
    const p = published[i]!;
    await answer(ctx, economy, p.id, { version: p.version, decision, answer: text });
  }

  // a program in force, published with its evaluation
  if (approved) {
    await publish(ctx, economy, {
      kind: "approved",
      subjectKind: "program",
      subjectId: approved.id,
      summary: "Утвержденная муниципальная программа, ее показатели (план и факт) и оценка эффективности.",
      evaluationYears: [Number(today.slice(0, 4)) - 1],
    });
  }

  // a closed rating vote, modelled on Ozersk's choice of public spaces (residents aged 14 and over)
  const end = new Date(ctx.now().getTime() - 20 * 86_400_000);
  const start = new Date(end.getTime() - 30 * 86_400_000);
  await ctx.db.tx(async (q) => {
    const vote = await insertVote(q, {
      municipalityId: m.id,
      title: "Выбор общественных пространств для благоустройства",
      description:
        "Рейтинговое голосование жителей от 14 лет: два пространства с наибольшим числом голосов благоустраиваются в следующем году.",
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      maxChoices: 2,
      winners: 2,
      eligibility: { minAge: 14, confirmedEmail: true, address: false },
      // the turnout's base: Kaluga's residents aged 14 and over, rounded (an illustrative figure of the demo)
      eligibleVoters: DEMO_VOTE.eligible,
      createdBy: economy.actor.userId,
      options: [
        { title: "Сквер у Гостиных рядов", description: null },
        { title: "Набережная реки Оки", description: null },
        { title: "Парк «Березуевский овраг»", description: null },
        { title: "Площадь Победы", description: null },
        { title: "Бульвар на ул. Ленина", description: null },
      ],
    });
    const opts = await voteOptions(q, vote.id);
    // the demo's ballots, as many as Ozersk's (source 002: 9,305 residents aged 14 and over): the three
    // demo residents' and 9,302 synthetic voters' (distinct keys without accounts), written in one statement
    const weights = [0.31, 0.27, 0.2, 0.12, 0.1];
    for (const [n, voter] of residents.entries())
      await insertPastBallot(q, {
        voteId: vote.id,
        municipalityId: m.id,
        voterId: voter.resident.id,
        voterKey: voter.resident.id,
        receiptHash: sha256(`demo-receipt-${vote.id}-${n}`),
        choices: n === 0 ? [opts[0]!.id] : [opts[n % opts.length]!.id, opts[(n + 1) % opts.length]!.id],
        at: new Date(start.getTime() + (n + 1) * 3_600_000).toISOString(),
      });
    await insertSyntheticPastBallots(q, {
      voteId: vote.id,
      options: opts.map((o, i) => ({ id: o.id, weight: weights[i] ?? 0.05 })),
      from: residents.length,
      count: DEMO_VOTE.ballots - residents.length,
      singleEvery: 3,
    });
  });
  return true;
}
