/**
 * The audit log in words (issue 13, part 2) for entries whose values are lists or objects — a
 * vote's published results — and for actors that are no staff member: no raw JSON, no field key,
 * no identifier, no login of a resident.
 */
import { describe, expect, it } from "vitest";
import { auditActorLabel, describeAudit } from "../src/index.ts";

const closed = {
  action: "portal.voteClose",
  objectType: "vote",
  objectId: "81be99d6-1473-4af3-89ce-ddba8eb0b163",
  before: null,
  after: {
    ballots: 300,
    registeredResidents: 300,
    turnoutPercent: "100.0",
    options: [
      { id: "81be99d6-1473-4af3-89ce-ddba8eb0b164", title: "Сквер у Гостиных рядов", votes: 148, winner: true },
      { id: "23770437-2558-47c5-b5e5-cff1b9b267f4", title: "Площадь Победы", votes: 63, winner: false },
    ],
  },
};

describe("structured values and actors in the audit log", () => {
  it("writes a vote's options by title with labelled counts, without JSON or identifiers", () => {
    const d = describeAudit(closed, "ru");
    const options = d.changes.find((c) => c.field === "options");
    expect(options?.label).toBe("Варианты");
    expect(options?.after).toBe("Сквер у Гостиных рядов: голосов 148, победитель да; Площадь Победы: голосов 63, победитель нет");
    for (const c of d.changes) {
      expect(c.after ?? "").not.toMatch(/[{}"]|[0-9a-f]{8}-[0-9a-f]{4}/);
      expect(c.label).not.toBe(c.field);
    }
    expect(d.changes.find((c) => c.field === "turnoutPercent")?.after).toBe("100,0");
    expect(describeAudit(closed, "en").changes.find((c) => c.field === "options")?.after).toContain(
      "Сквер у Гостиных рядов: votes 148, winner yes",
    );
  });

  it("names the vote that closed by its title", () => {
    const named = { ...closed, action: "portal.voteClosed", after: { title: "Пространства для благоустройства", ...closed.after } };
    expect(describeAudit(named, "ru").objectLabel).toBe("Голосование «Пространства для благоустройства»");
    expect(describeAudit(named, "en").objectLabel).toBe("Vote «Пространства для благоустройства»");
    expect(describeAudit(named, "ru").actionLabel).toBe("голосование завершено, итоги опубликованы");
    // an entry written before it carried the title: named by the vote's row (the server's lookup)
    const names = new Map([[closed.objectId, "Пространства для благоустройства"]]);
    expect(describeAudit({ ...closed, action: "portal.voteClosed" }, "ru", { names }).objectLabel).toBe(
      "Голосование «Пространства для благоустройства»",
    );
    expect(describeAudit({ ...closed, action: "portal.voteClosed" }, "ru").objectLabel).toBe("Голосование");
  });

  it("names a resident, the demo loader and the system instead of their logins", () => {
    expect(auditActorLabel("resident:cdd7e409-f18d-482b-a734-8596a8e1c856", "ru")).toBe("житель (портал)");
    expect(auditActorLabel("seed", "ru")).toBe("загрузка демонстрационных данных");
    expect(auditActorLabel("system", "en")).toBe("system");
    expect(auditActorLabel("economy", "ru")).toBe("economy");
    expect(auditActorLabel(null, "ru")).toBeNull();
  });
});
