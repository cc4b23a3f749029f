/**
 * The resident's profile page on the portal (issue 14, part 2): the form shows and saves the fields
 * the municipality needs (name, optional address and year of birth), refuses bad input with a 400
 * naming the field and keeps what was stored, needs the resident's CSRF token, is never cacheable,
 * and deletes the account (personal data erased, session ended) only when confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";
import { signInResident } from "./portal-resident.ts";

let app: TestApp;
let resident: Client;
const slug = "gorod-a";

const formPost = (c: Client, url: string, fields: Record<string, string>) =>
  c.request("POST", url, new URLSearchParams(fields).toString(), { "content-type": "application/x-www-form-urlencoded" });
const textOf = (html: unknown) =>
  String(html)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
const stored = async (email: string) =>
  (
    await app.ctx.db.query<{ full_name: string | null; address: string | null; birth_year: number | null; email: string | null }>(
      `SELECT full_name, address, birth_year, email FROM resident WHERE email = $1`,
      [email],
    )
  ).rows[0];

beforeAll(async () => {
  app = await createTestApp();
  const admin = await app.as("admin");
  expect((await admin.request("PUT", "/api/portal/settings", { slug, moderation: "pre", minDiscussionDays: 30 })).status).toBe(200);
  resident = await signInResident(app, slug, "profile.page@example.org", "Иванова Анна Сергеевна");
}, 120_000);
afterAll(async () => app?.close());

describe("the resident's profile page", () => {
  it("is for a signed-in resident only, and never cached", async () => {
    const anon = await app.client().request("GET", `/p/${slug}/profile`);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe(`/p/${slug}/sign-in`);
    const r = await resident.request("GET", `/p/${slug}/profile`);
    expect(r.status).toBe(200);
    expect(String(r.headers["cache-control"])).toContain("no-store");
    expect(textOf(r.body)).toContain("profile.page@example.org");
    expect(String(r.body)).toContain('value="Иванова Анна Сергеевна"');
  });

  it("saves the name, address and year of birth from the form", async () => {
    const r = await formPost(resident, `/p/${slug}/profile`, {
      csrf: resident.csrf,
      fullName: "Иванова Анна Сергеевна",
      address: "г. А, ул. Садовая, д. 5",
      birthYear: "1990",
    });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe(`/p/${slug}/profile?saved=1`);
    const row = await stored("profile.page@example.org");
    expect(row).toMatchObject({ full_name: "Иванова Анна Сергеевна", address: "г. А, ул. Садовая, д. 5", birth_year: 1990 });
    const page = await resident.request("GET", `/p/${slug}/profile?saved=1`);
    expect(textOf(page.body)).toContain("Профиль сохранен");
  });

  it("refuses bad input with a 400 naming the field and keeps what is stored", async () => {
    const noName = await formPost(resident, `/p/${slug}/profile`, { csrf: resident.csrf, fullName: " ", address: "", birthYear: "" });
    expect(noName.status).toBe(400);
    expect(textOf(noName.body)).toContain("Фамилия, имя, отчество:");
    const badYear = await formPost(resident, `/p/${slug}/profile`, {
      csrf: resident.csrf,
      fullName: "Другое Имя",
      address: "",
      birthYear: "девятнадцать",
    });
    expect(badYear.status).toBe(400);
    expect(textOf(badYear.body)).toContain("Год рождения:");
    const future = await formPost(resident, `/p/${slug}/profile`, {
      csrf: resident.csrf,
      fullName: "Другое Имя",
      address: "",
      birthYear: "2099",
    });
    expect(future.status).toBe(400);
    expect(textOf(future.body)).toContain("Год рождения");
    expect(await stored("profile.page@example.org")).toMatchObject({ full_name: "Иванова Анна Сергеевна", birth_year: 1990 });
  });

  it("needs the resident's CSRF token", async () => {
    const r = await formPost(resident, `/p/${slug}/profile`, { csrf: "forged", fullName: "Подмена", address: "", birthYear: "" });
    expect([401, 403]).toContain(r.status);
    expect(await stored("profile.page@example.org")).toMatchObject({ full_name: "Иванова Анна Сергеевна" });
  });

  it("deletes the account only when confirmed: personal data erased and the session ended", async () => {
    const unconfirmed = await formPost(resident, `/p/${slug}/profile/delete`, { csrf: resident.csrf });
    expect(unconfirmed.status).toBe(400);
    expect(await stored("profile.page@example.org")).toMatchObject({ full_name: "Иванова Анна Сергеевна" });
    const id = (await app.ctx.db.query<{ id: string }>(`SELECT id FROM resident WHERE email = $1`, ["profile.page@example.org"])).rows[0]!
      .id;
    const r = await formPost(resident, `/p/${slug}/profile/delete`, { csrf: resident.csrf, confirm: "yes" });
    expect(r.status).toBe(303);
    const row = (
      await app.ctx.db.query<{ full_name: string | null; address: string | null; birth_year: number | null; email: string | null }>(
        `SELECT full_name, address, birth_year, email FROM resident WHERE id = $1`,
        [id],
      )
    ).rows[0];
    expect(row).toMatchObject({ full_name: null, address: null, birth_year: null, email: null });
    const after = await resident.request("GET", `/p/${slug}/profile`);
    expect(after.status).toBe(303);
  });
});
