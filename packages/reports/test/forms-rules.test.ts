/**
 * The rules of decree 220-п (and of the action plan's appendices, source 000) that shape the
 * forms, each checked on the table model with data that would break it.
 */
import { describe, expect, it } from "vitest";
import type { ProgramDocument } from "@orientir/domain";
import {
  annualReportForm,
  complexTitle,
  consolidatedReportForm,
  displayText,
  fundingForm,
  indicatorsForm,
  monitoringForm,
  nameWithUnit,
  processPlanForm,
  type FormDocument,
} from "../src/index.ts";
import { municipality, richProgram } from "./data.ts";

const M = municipality();
const context = { sources: M.budgetSources, currency: "RUB" };

/** The first column's texts of a section. */
const firstCol = (doc: FormDocument, section = 0) => doc.sections[section]!.body.map((r) => displayText(r[0]!));
const rowsText = (doc: FormDocument, section = 0) => doc.sections[section]!.body.map((r) => r.map(displayText));

describe("220-п: the forms follow the appendices", () => {
  it("appendix 2 (2.1.2): the indicators are grouped by the goal they measure, in the order of the goals", () => {
    const p = richProgram();
    p.goals.push({ code: "Ц2", name: "Вторая цель" });
    // listed first, but measures the second goal
    p.indicators.unshift({ ...structuredClone(p.indicators[0]!), name: "Индикатор второй цели", goal: "Ц2" });
    const rows = rowsText(indicatorsForm({ program: p, context }));
    expect(rows.map((r) => r[0] + "|" + (r[1] ?? ""))).toEqual([
      `Муниципальная программа «${p.name}»|`,
      `Цель 1. ${p.goals[0]!.name}|`,
      `1|${p.indicators[1]!.name}`,
      "Цель 2. Вторая цель|",
      "2|Индикатор второй цели",
      "Индикаторы вне целей программы|",
      `3|${p.indicators[2]!.name}`,
    ]);
  });

  it("appendix 7: each activity shows the names of its checkpoints above their dates", () => {
    const p = richProgram();
    const doc = processPlanForm({ program: p, year: 2026, context });
    const body = doc.sections[0]!.body;
    const at = body.findIndex((r) => displayText(r[1]!) === "Мероприятие 1");
    expect(body[at]!.slice(2, 6).map(displayText)).toEqual([
      "Контрольная точка 1",
      "Контрольная точка 2",
      "Контрольная точка 3",
      "Контрольная точка 4",
    ]);
    expect(body[at + 1]!.map(displayText)).toEqual(["20.03.2026", "20.06.2026", "20.09.2026", "20.12.2026"]);
  });

  function processFirst(): ProgramDocument {
    const p = richProgram();
    const d = p.directions[0]!;
    d.elements.reverse(); // the data lists the process complex first
    d.elements.find((e) => e.kind === "project")!.funding.push({ year: 2026, source: "other", amount: "7.50" });
    return p;
  }

  it("appendices 8 and 9: project complexes before process ones, names not doubled, «иные источники» only where such funding is", () => {
    for (const doc of [
      monitoringForm({ program: processFirst(), year: 2026, quarter: 1, context }),
      annualReportForm({ program: processFirst(), year: 2026, context }),
    ]) {
      const col = firstCol(doc);
      const project = col.findIndex((t) => t.startsWith("Комплекс проектных мероприятий «+Региональный проект"));
      const process = col.indexOf("Комплекс процессных мероприятий 1.1 А1");
      expect(project).toBeGreaterThan(0);
      expect(process).toBeGreaterThan(project);
      expect(col.filter((t) => /Комплекс \S+ мероприятий «Комплекс/.test(t))).toEqual([]);
      // the program, the first direction and the project complex have other sources; nothing else does
      const others = col.flatMap((t, i) => (t === "иные источники" ? [i] : []));
      expect(others).toHaveLength(3);
      expect(others[2]).toBeLessThan(process);
      expect(others[2]).toBeGreaterThan(project);
    }
  });

  it("appendix 4: «иные источники» only for the complexes (and directions) that have it", () => {
    const doc = fundingForm({ program: processFirst(), context });
    const labels = doc.sections[0]!.body.map((r) => r.map(displayText)).filter((r) => r.includes("иные источники"));
    expect(labels).toHaveLength(2); // the first direction and its project complex
  });

  it("complexTitle prefixes the kind once", () => {
    expect(complexTitle({ kind: "process", name: "Комплекс процессных мероприятий 1.1" })).toBe("Комплекс процессных мероприятий 1.1");
    expect(complexTitle({ kind: "project", name: "Успех каждого ребенка" })).toBe("Комплекс проектных мероприятий «Успех каждого ребенка»");
  });

  it("appendix 9 (6.12.2, 6.12.6): the metrics with the justification of a deviation; the evaluation with its rating when given", () => {
    const p = richProgram();
    const m = p.directions[0]!.elements.find((e) => e.kind === "process")!.metrics[0]!;
    Object.assign(
      m.values.find((v) => v.year === 2026)!,
      { fact: "11", justification: "Перенос сроков" },
    );
    const without = annualReportForm({ program: p, year: 2026, context });
    const metrics = without.sections.find((s) => s.title?.[0]?.startsWith("Сведения о достижении значений показателей"))!;
    expect(metrics.body.map((r) => r.map(displayText))).toContainEqual(["2", m.name, "ед. (642)", "11", "12", "11", "Перенос сроков"]);
    expect(without.sections.some((s) => s.title?.[0]?.startsWith("Оценка эффективности"))).toBe(false);
    const withEval = annualReportForm({ program: p, year: 2026, context, evaluation: { score: 85.456, rating: "high" } });
    const ev = withEval.sections.at(-1)!;
    expect(ev.title).toEqual(["Оценка эффективности реализации муниципальной программы за 2026 год"]);
    expect(ev.body[0]!.slice(1).map(displayText)).toEqual(["85,46", "высокий"]);
  });

  it("6.18.2 and 6.18.3: the consolidated report has the directions' metrics and funding by direction with each program's evaluation", () => {
    const doc = consolidatedReportForm({
      municipality: M,
      programs: M.programs,
      year: 2025,
      evaluations: { "MP-1": { score: 91.2345, rating: "satisfactory" } },
      context,
    });
    expect(doc.sections.map((s) => s.title?.[0])).toEqual([
      "Использование бюджетных ассигнований и оценка эффективности муниципальных программ",
      "Сведения о достижении индикаторов муниципальных программ",
      "Сведения о достижении показателей направлений муниципальных программ",
      "Использование бюджетных ассигнований в разрезе направлений муниципальных программ",
    ]);
    const metrics = rowsText(doc, 2);
    expect(metrics.map((r) => r[0])).toContain("Направление «Направление 1 А1»");
    expect(metrics).toContainEqual(["1", "Число новых мест", "ед.", "100", "100", "достигнуто", ""]);
    const money = rowsText(doc, 3);
    expect(money[0]).toEqual(expect.arrayContaining(["1", "MP-1 «Программа А1»", "91,23", "удовлетворительный"]));
    expect(money[1]!.slice(0, 3)).toEqual(["1.1", "направление «Направление 1 А1»", "Комитет по культуре"]);
    const mp2 = money.findIndex((r) => r[1] === "MP-2 «Программа А2»");
    expect(money[mp2]!.slice(-2)).toEqual(["—", "—"]);
    // a program's row sums its directions'
    const planned = (r: string[]) => Number(r[3]!.replace(/\s/g, "").replace(",", "."));
    expect(planned(money[0]!)).toBeCloseTo(planned(money[1]!) + planned(money[2]!), 2);
  });

  it("action plan, appendix 2: the unit is not doubled when the name already carries it", () => {
    expect(nameWithUnit("Численность постоянного населения (на конец года), тыс. чел.", "тыс. чел.")).toBe(
      "Численность постоянного населения (на конец года), тыс. чел.",
    );
    expect(nameWithUnit("Доля детей (%)", "%")).toBe("Доля детей (%)");
    expect(nameWithUnit("Число образовательных учреждений", "ед.")).toBe("Число образовательных учреждений, ед.");
  });
});
