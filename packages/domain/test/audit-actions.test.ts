/**
 * Every action the use cases write to the audit log reads as a sentence (issue 13, part 2): none
 * falls back to «выполнил(а) действие "code"» — found by reading the app's sources, so that a new
 * action without its words fails here.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditActionLabel, auditActorKindLabel, describeAudit, ORDER_TRANSITIONS } from "../src/index.ts";

const appSrc = new URL("../../app/src", import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** The action codes written literally (`action: "x.y"`) by the app's use cases. */
function literalActions(): string[] {
  const found = new Set<string>();
  for (const f of files(appSrc)) for (const m of readFileSync(f, "utf8").matchAll(/\baction: "([a-zA-Z]+\.[a-zA-Z.]+)"/g)) found.add(m[1]!);
  return [...found].sort();
}

const entry = (action: string, objectType = "other") => ({ action, objectType, objectId: null, before: null, after: null });

describe("the audit log in words", () => {
  const actions = [...literalActions(), ...new Set(ORDER_TRANSITIONS.map((t) => `order.${t.action}`))];

  it("finds the app's actions (the scan works)", () => {
    expect(actions).toEqual(expect.arrayContaining(["portal.publish", "order.create", "appeal.create", "order.grantExtension"]));
  });

  it.each(["ru", "en"] as const)("has a sentence for every action, in %s", (lang) => {
    const fallback = describeAudit(entry("no.suchAction"), lang).actionLabel;
    expect(fallback).toContain("no.suchAction");
    const missing = actions.filter((a) => describeAudit(entry(a), lang).actionLabel.includes(a));
    expect(missing).toEqual([]);
  });

  it("names the new objects by kind", () => {
    expect(describeAudit(entry("order.accept", "controlOrder"), "ru").objectLabel).toBe("Поручение");
    expect(describeAudit(entry("portal.answer", "proposal"), "en").objectLabel).toBe("Resident's proposal");
  });

  it.each(["ru", "en"] as const)("labels every action for the log's filter without its code, in %s", (lang) => {
    expect(actions.filter((a) => auditActionLabel(a, lang).includes(a))).toEqual([]);
    // a change of a resource's rows names the resource: the filter tells funding from goals
    expect(auditActionLabel("funding.update", "ru")).toBe("изменил(а) запись — Финансовое обеспечение");
    expect(auditActionLabel("goal.create", lang)).not.toBe(auditActionLabel("funding.create", lang));
    expect(auditActionLabel("no.suchAction", lang)).toContain("no.suchAction");
  });

  it("labels who acted without an account, never by a login", () => {
    expect(auditActorKindLabel("resident", "ru")).toBe("житель (портал)");
    expect(auditActorKindLabel("system", "ru")).toBe("система");
    expect(auditActorKindLabel("seed", "en")).toBe("demo data loader");
    expect(auditActorKindLabel("portal", "ru")).toBe("житель без входа (портал)");
    expect(auditActorKindLabel("operator", "en")).toBe("deployment operator");
  });
});
