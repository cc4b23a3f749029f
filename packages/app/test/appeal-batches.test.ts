/**
 * Registrations written together (issue 15, part 6) by two server processes at once: each process
 * (here: an application context with a pool of its own) writes its municipality's registrations in
 * groups; the database's counter lock orders the groups of both, so the numbers stay consecutive
 * without gaps, the audit chain verifies, and a repeated appeal is recognised across the processes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppeal, type AppContext, type Caller } from "@orientir/app";
import { Db, verifyAudit } from "@orientir/db";
import { openWorld, type World } from "./world.ts";

let w: World;
let office: Caller;
let other: Db;
let second: AppContext;

beforeAll(async () => {
  ({ w } = await openWorld("2026-03-03T09:00:00Z", []));
  office = await w.caller("admin");
  other = new Db(w.db.url);
  second = { ...w.ctx, db: other };
});
afterAll(async () => {
  await other?.close();
  await w?.close();
});

const body = (text: string, author = `Автор ${text}`) => ({
  channel: "letter" as const,
  receivedOn: "2026-03-02",
  registeredOn: "2026-03-02",
  authorName: author,
  authorAddress: "г. А, ул. Мира, 1",
  text,
  topicCode: "0005.0005.0056.1153",
});

const seq = (n: string) => Number(/^ОГ-(\d+)\/2026$/.exec(n)?.[1]);

describe("registrations written together by two processes", () => {
  it("consecutive numbers without gaps, a valid chain, each repeated appeal naming the one before it", async () => {
    const before = await w.db.query<{ number: string }>(`SELECT number FROM appeal`);
    const top = Math.max(0, ...before.rows.map((a) => seq(a.number)));
    // 40 registrations at once, alternately through the two processes; every fourth by one author
    const rs = await Promise.all(
      Array.from({ length: 40 }, (_, k) =>
        registerAppeal(k % 2 === 0 ? w.ctx : second, office, body(`Два процесса ${k}`, k % 4 === 0 ? "Один Автор" : undefined)),
      ),
    );
    const sorted = [...rs].sort((a, b) => seq(a.number) - seq(b.number));
    expect(sorted.map((r) => seq(r.number))).toEqual(Array.from({ length: 40 }, (_, k) => top + 1 + k));
    // the author's ten appeals in the order of their numbers: each repeats the one before it,
    // whether it was in the same group, in an earlier one of this process or of the other
    const own = sorted.filter((r) => Number(/ (\d+)$/.exec(r.text)![1]) % 4 === 0);
    expect(own).toHaveLength(10);
    expect(own[0]!.repeatedOf).toBeNull();
    for (let k = 1; k < own.length; k++) expect(own[k]!.repeatedOf).toBe(own[k - 1]!.id);
    for (const r of sorted.filter((x) => !own.includes(x))) expect(r.repeatedOf).toBeNull();
    expect((await verifyAudit(w.db)).breaks).toEqual([]);
  });
});
