/**
 * The public portal in a real Chromium (issue 14, part 9 and "Done when"): every portal page at 360
 * and 1440 px without horizontal overflow and without a serious or critical axe-core violation;
 * then the newcomer's walk — open the portal without an account, read a published program and its
 * scores, sign in as a resident by the code from the outbox, make a proposal on a draft, see it
 * moderated and answered by staff in the staff app, find the generated protocol, vote once and fail
 * to vote twice, and after the vote closes see the results and redo the count from the anonymised
 * ballots of the open data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { axeProblems } from "../src/axe.ts";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";
import type { Client } from "../src/api.ts";

const SLUG = "gorod-a";
const EMAIL = "novichok@example.org";
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

let b: BrowserApp;
let economy: Client;
let approvedId: string;
let draftId: string;
let finishedId: string;
let qaId: string;
let surveyId: string;
let closedSurveyId: string;
let upcomingQaId: string;

beforeAll(async () => {
  b = await startBrowserApp();
  const admin = await b.app.as("admin");
  economy = await b.app.as("economy");
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 })).status).toBe(200);
  const programs = (await economy.get("/api/programs")).body.items;
  const [p1, p2] = [programs[0].id, programs[1].id];
  expect((await admin.post(`/api/programs/${p1}/versions/in-force`, { decreeNumber: "12-п", decreeDate: "2025-01-10" })).status).toBe(201);
  const approved = await economy.post("/api/portal/publications", {
    kind: "approved",
    subjectKind: "program",
    subjectId: p1,
    evaluationYears: [2025],
  });
  expect(approved.status).toBe(201);
  approvedId = approved.body.id;
  const draft = await economy.post("/api/portal/publications", {
    kind: "discussion",
    subjectKind: "program",
    subjectId: p2,
    startsOn: day(0),
    endsOn: day(10),
  });
  expect(draft.status).toBe(201);
  draftId = draft.body.id;
  // a discussion whose term has ended, with its protocol generated
  const finished = await economy.post("/api/portal/publications", {
    kind: "discussion",
    subjectKind: "program",
    subjectId: p1,
    startsOn: day(-20),
    endsOn: day(-1),
  });
  expect(finished.status).toBe(201);
  finishedId = finished.body.id;
  expect((await economy.post(`/api/portal/publications/${finishedId}/protocol`, { number: "7-ОО" })).status).toBe(201);
  const qa = await economy.post("/api/portal/qa", {
    publicationId: draftId,
    title: "Вопросы разработчикам проекта",
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 90_000_000).toISOString(),
    drafters: [{ name: "Иванова Мария Петровна", position: "начальник управления экономики" }],
  });
  qaId = qa.body.id;
  const survey = await economy.post("/api/portal/surveys", {
    title: "Оценка развития города",
    opensAt: new Date().toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    questions: [
      { kind: "single", text: "Условия жизни в городе", options: ["Хорошие", "Плохие"] },
      { kind: "multiple", text: "Что важнее", options: ["Дороги", "Школы"] },
      { kind: "scale", text: "Оценка от 1 до 5", scaleMin: 1, scaleMax: 5 },
      { kind: "text", text: "Предложения", required: false },
    ],
  });
  surveyId = survey.body.id;
  // a closed survey (its results page with the SVG bars) and an ended session (its transcript)
  const closed = await economy.post("/api/portal/surveys", {
    title: "Завершенный опрос",
    opensAt: new Date().toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    questions: [
      { kind: "single", text: "Условия жизни в городе", options: ["Хорошие", "Плохие"] },
      { kind: "scale", text: "Оценка от 1 до 5", scaleMin: 1, scaleMax: 5 },
    ],
  });
  closedSurveyId = closed.body.id;
  await b.app.ctx.db.query(`UPDATE survey SET opens_at = now() - interval '2 days', closes_at = now() - interval '1 day' WHERE id = $1`, [
    closedSurveyId,
  ]);
  await b.app.ctx.db.query(
    `UPDATE qa_session SET starts_at = now() - interval '2 days', ends_at = now() - interval '1 day' WHERE id = $1`,
    [qaId],
  );
  const upcoming = await economy.post("/api/portal/qa", {
    title: "Вторая сессия",
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 90_000_000).toISOString(),
    drafters: [{ name: "Иванова Мария Петровна", position: "начальник управления экономики" }],
  });
  upcomingQaId = upcoming.body.id;
}, 180_000);

afterAll(async () => {
  await b?.close();
});

/** What sticks out of the viewport, unless a scrolling box of its own holds it (a wide table scrolls inside its region). */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const held = (el: HTMLElement): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
        if (["auto", "scroll"].includes(getComputedStyle(p).overflowX) && p.getBoundingClientRect().right <= window.innerWidth + 1)
          return true;
      return false;
    };
    const wide = [...document.querySelectorAll<HTMLElement>("body *")].filter(
      (el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !held(el),
    );
    const page =
      document.documentElement.scrollWidth > window.innerWidth + 1 ? [`page ${document.documentElement.scrollWidth} px wide`] : [];
    return wide
      .filter((el) => !wide.some((other) => other !== el && el.contains(other)))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()} (${Math.round(el.getBoundingClientRect().right)} px)`)
      .concat(page);
  });
}

/** The code of the last mail to this address (the outbox is the local SMTP sink's source). */
async function lastCode(email: string): Promise<string> {
  const mail = await b.app.ctx.db.query<{ body: string }>(
    `SELECT body FROM email_outbox WHERE to_address = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [email],
  );
  return /(\d{6})/.exec(mail.rows[0]!.body)![1]!;
}

async function signInResident(page: Page, email: string): Promise<void> {
  await page.goto(`${b.url}/p/${SLUG}/sign-in`);
  await page.getByLabel("Адрес электронной почты").fill(email);
  await page.getByRole("button", { name: "Получить код" }).click();
  await page.getByLabel("Код из письма").fill(await lastCode(email));
  await page.getByLabel(/Согласен на обработку персональных данных/).check();
  await page.getByRole("button", { name: "Войти" }).click();
  await page.getByRole("button", { name: "Выйти" }).waitFor();
}

describe("every portal page at 360 and 1440 px", () => {
  it("has no horizontal overflow and no serious or critical axe violation, signed out and signed in", async () => {
    const pages = [
      "",
      `/publications/${approvedId}`,
      `/publications/${draftId}`,
      `/publications/${finishedId}`,
      "/votes",
      "/hearings",
      "/qa",
      `/qa/${qaId}`,
      `/qa/${upcomingQaId}`,
      `/surveys/${closedSurveyId}`,
      "/surveys",
      `/surveys/${surveyId}`,
      "/data",
      "/sign-in",
      "/no-such-page",
    ];
    const problems: string[] = [];
    const anon = await b.newPage();
    const resident = await b.newPage();
    await signInResident(resident, "axe@example.org");
    for (const [who, page, list] of [
      ["anonymous", anon, pages],
      ["resident", resident, [...pages, "/notifications"]],
    ] as const) {
      for (const width of [360, 1440]) {
        await page.setViewportSize({ width, height: 800 });
        for (const path of list) {
          await page.goto(`${b.url}/p/${SLUG}${path}`);
          for (const o of await overflow(page)) problems.push(`${who} ${width}px ${path || "/"}: overflow ${o}`);
          for (const p of await axeProblems(page)) problems.push(`${who} ${width}px ${path || "/"}: ${p}`);
        }
      }
    }
    expect(problems).toEqual([]);
    await anon.context().close();
    await resident.context().close();
  }, 300_000);
});

describe("the newcomer's walk (Done when)", () => {
  let resident: Page;
  let proposalText: string;

  it("reads a published program and its scores without an account", async () => {
    const page = await b.newPage();
    await page.goto(`${b.url}/p/${SLUG}`);
    await page.getByRole("link", { name: /12-п/ }).click();
    await page.getByRole("heading", { name: "Оценка эффективности" }).waitFor();
    const scores = page.locator("table").first();
    expect(await scores.locator("tbody tr td").first().textContent()).toBe("2025");
    expect(await page.locator("body").textContent()).toMatch(/55 \/ 54/);
    await page.context().close();
  });

  it("signs in as a resident by the code from the outbox and makes a proposal on a draft", async () => {
    resident = await b.newPage();
    await signInResident(resident, EMAIL);
    // the profile's name, which a proposal requires (the portal has no profile page yet: its API)
    const csrf = await resident.locator('form[action$="/sign-out"] input[name="csrf"]').getAttribute("value");
    const saved = await resident.evaluate(
      async ([slug, token]) =>
        (
          await fetch(`/api/p/${slug}/me`, {
            method: "PUT",
            headers: { "content-type": "application/json", "x-csrf-token": token! },
            body: JSON.stringify({ fullName: "Новикова Ольга Игоревна" }),
          })
        ).status,
      [SLUG, csrf] as const,
    );
    expect(saved).toBe(200);
    await resident.goto(`${b.url}/p/${SLUG}/publications/${draftId}`);
    proposalText = `Добавить в программу ремонт стадиона школы № 3 (${Date.now()})`;
    await resident.getByLabel("Текст").fill(proposalText);
    await resident.getByRole("button", { name: "Отправить" }).click();
    await expect.poll(() => resident.url()).toContain("#proposal-");
    const card = resident.locator(".card", { hasText: proposalText });
    expect(await card.textContent()).toContain("на модерации (видно только вам)");
    // nobody else sees it before moderation
    const anon = await b.newPage();
    await anon.goto(`${b.url}/p/${SLUG}/publications/${draftId}`);
    expect(await anon.locator("body").textContent()).not.toContain(proposalText);
    await anon.context().close();
  });

  it("sees it moderated and answered by staff in the staff app", async () => {
    const staff = await b.signedIn("economy");
    await staff.goto(`${b.url}/portal`);
    const card = staff.locator("article", { hasText: proposalText });
    await card.getByRole("button", { name: "Опубликовать" }).click();
    const answerCard = staff.locator("article", { hasText: proposalText });
    await answerCard.getByLabel("Решение").waitFor();
    await answerCard.getByLabel("Решение").selectOption("partly");
    await answerCard.getByLabel("Ответ с обоснованием").fill("Учтено частично: ремонт стадиона включен в мероприятие 1.1 на 2027 год.");
    await answerCard.getByRole("button", { name: "Дать ответ" }).click();
    await expect
      .poll(async () => (await staff.locator("article", { hasText: proposalText }).textContent()) ?? "")
      .toContain("Учтено частично.");
    await staff.context().close();
    await resident.goto(`${b.url}/p/${SLUG}/publications/${draftId}`);
    const own = resident.locator(".card", { hasText: proposalText });
    expect(await own.textContent()).toContain("ремонт стадиона включен в мероприятие 1.1");
    expect(await own.textContent()).not.toContain("на модерации");
    await resident.goto(`${b.url}/p/${SLUG}/notifications`);
    expect(await resident.locator("main").textContent()).toMatch(/ответ/i);
  });

  it("finds the generated protocol", async () => {
    const page = await b.newPage();
    await page.goto(`${b.url}/p/${SLUG}`);
    const links = page.locator(`a[href="/p/${SLUG}/publications/${finishedId}"]`);
    await links.first().click();
    await page.getByRole("heading", { name: /Протокол общественного обсуждения № 7-ОО/ }).waitFor();
    const href = await page.getByRole("link", { name: "Протокол (PDF)" }).getAttribute("href");
    const pdf = await page.request.get(`${b.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 4).toString()).toBe("%PDF");
    const docx = await page.request.get(`${b.url}${await page.getByRole("link", { name: "Протокол (DOCX)" }).getAttribute("href")}`);
    expect((await docx.body()).subarray(0, 2).toString()).toBe("PK");
    await page.context().close();
  });

  it("votes once, fails to vote twice, and after the close redoes the count from the open data", async () => {
    const startsAt = new Date(Date.now() + 1500);
    const endsAt = new Date(Date.now() + 15_000);
    const v = await economy.post("/api/portal/votes", {
      title: "Выбор общественного пространства",
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      maxChoices: 2,
      winners: 1,
      eligibility: { minAge: null, confirmedEmail: true, address: false },
      options: [{ title: "Сквер у школы" }, { title: "Набережная" }, { title: "Парк" }],
    });
    expect(v.status).toBe(201);
    await new Promise((r) => setTimeout(r, Math.max(0, startsAt.getTime() - Date.now() + 300)));
    // a second tab opened before the ballot: its form is the second attempt
    const second = await resident.context().newPage();
    await second.goto(`${b.url}/p/${SLUG}/votes/${v.body.id}`);
    await resident.goto(`${b.url}/p/${SLUG}/votes`);
    await resident.getByRole("link", { name: "Выбор общественного пространства" }).click();
    await resident.getByLabel("Набережная").check();
    await resident.getByLabel("Парк").check();
    await resident.getByRole("button", { name: "Проголосовать" }).click();
    await resident.getByRole("heading", { name: "Бюллетень принят" }).waitFor();
    const receipt = /код проверки: (\S+)\./.exec((await resident.locator("main").textContent())!)![1]!;
    await second.getByLabel("Сквер у школы").check();
    await second.getByRole("button", { name: "Проголосовать" }).click();
    await second.getByRole("heading", { name: "Не выполнено" }).waitFor();
    expect(await second.locator("main").textContent()).toMatch(/уже/);
    await resident.goto(`${b.url}/p/${SLUG}/votes/${v.body.id}`);
    expect(await resident.getByRole("button", { name: "Проголосовать" }).count()).toBe(0);
    expect(await resident.locator("main").textContent()).toContain("Итоги скрыты до окончания голосования");

    await new Promise((r) => setTimeout(r, Math.max(0, endsAt.getTime() - Date.now() + 500)));
    const anon = await b.newPage();
    await anon.goto(`${b.url}/p/${SLUG}/votes/${v.body.id}`);
    await anon.getByRole("heading", { name: "Итоги" }).waitFor();
    const shown = new Map<string, number>();
    for (const row of await anon.locator("tbody tr").all()) {
      const cells = await row.locator("td").allTextContents();
      shown.set(cells[0]!.replace(" — победитель", ""), Number(cells[1]));
    }
    expect(shown).toEqual(
      new Map([
        ["Набережная", 1],
        ["Парк", 1],
        ["Сквер у школы", 0],
      ]),
    );
    // the anonymised ballots of the open data, and the results: the recount equals the published counts
    const ballotsHref = await anon.getByRole("link", { name: "JSON", exact: true }).getAttribute("href");
    const ballots = (await (await anon.request.get(`${b.url}${ballotsHref}`)).json()).rows as { receiptSha256: string; choices: string }[];
    const results = (await (await anon.request.get(`${b.url}/p/${SLUG}/data/vote-${v.body.id}-results.json`)).json()).rows as {
      optionId: string;
      title: string;
      votes: number;
    }[];
    const recount = new Map<string, number>();
    for (const x of ballots) for (const c of x.choices.split(" ")) recount.set(c, (recount.get(c) ?? 0) + 1);
    for (const r of results) {
      expect(recount.get(r.optionId) ?? 0, r.title).toBe(r.votes);
      expect(shown.get(r.title), r.title).toBe(r.votes);
    }
    // the voter finds their ballot among the published ones by the SHA-256 of their receipt
    const { createHash } = await import("node:crypto");
    expect(ballots.map((x) => x.receiptSha256)).toContain(createHash("sha256").update(receipt).digest("hex"));
    await anon.context().close();
  });

  it("asks the drafters a question that staff moderate and answer in the staff app, and answers a survey whose results show as bars", async () => {
    const session = await economy.post("/api/portal/qa", {
      title: "Прямой эфир с разработчиками",
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 7_200_000).toISOString(),
      drafters: [{ name: "Иванова Мария Петровна", position: "начальник управления экономики" }],
    });
    await resident.goto(`${b.url}/p/${SLUG}/qa/${session.body.id}`);
    await resident.getByLabel(/Ваш вопрос/).fill("Когда откроется новый сквер?");
    await resident.getByRole("button", { name: "Задать вопрос" }).click();
    await resident.locator(".card", { hasText: "Когда откроется новый сквер?" }).waitFor();
    // the session begins: staff publish the question and record the drafter's answer
    await b.app.ctx.db.query(`UPDATE qa_session SET starts_at = now() - interval '1 minute' WHERE id = $1`, [session.body.id]);
    const staff = await b.signedIn("economy");
    await staff.goto(`${b.url}/portal/qa`);
    await staff.locator("article", { hasText: "Когда откроется новый сквер?" }).getByRole("button", { name: "Опубликовать" }).click();
    const card = staff.locator("article", { hasText: "Когда откроется новый сквер?" });
    await card.getByLabel("Ответ").waitFor();
    await card.getByLabel("Ответ").fill("Сквер откроется в мае.");
    await card.getByRole("button", { name: "Записать ответ" }).click();
    await expect
      .poll(async () => (await staff.locator("article", { hasText: "Когда откроется новый сквер?" }).textContent()) ?? "")
      .toContain("Иванова Мария Петровна:");
    await staff.context().close();
    const anon = await b.newPage();
    await anon.goto(`${b.url}/p/${SLUG}/qa/${session.body.id}`);
    expect(await anon.locator(".card", { hasText: "Когда откроется новый сквер?" }).textContent()).toContain("Сквер откроется в мае.");

    await resident.goto(`${b.url}/p/${SLUG}/surveys/${surveyId}`);
    await resident.getByRole("radio", { name: "Хорошие" }).check();
    await resident.getByRole("checkbox", { name: "Школы" }).check();
    await resident.getByRole("radio", { name: "4" }).check();
    await resident.getByRole("button", { name: "Отправить ответ" }).click();
    await resident.getByRole("heading", { name: "Ответ принят" }).waitFor();
    await b.app.ctx.db.query(
      `UPDATE survey SET closes_at = now() - interval '1 second', opens_at = now() - interval '1 day' WHERE id = $1`,
      [surveyId],
    );
    await anon.goto(`${b.url}/p/${SLUG}/surveys/${surveyId}`);
    await anon.getByRole("heading", { name: "Результаты" }).waitFor();
    expect(await anon.locator("main").textContent()).toContain("Ответили: 1.");
    expect(await anon.locator("main svg rect").count()).toBeGreaterThan(0);
    await anon.context().close();
  });
});
