/**
 * Issue 11: the columns of the forms that are filled from fields entered for them — the comments of
 * appendices 8 and 9, the confirming document attached, the main results of the year, the
 * municipality's wording of a budget source, the action plan's executing body, responsible
 * executor and kinds of project, a direction's classification of expenditure, participants.
 */
import { describe, expect, it } from "vitest";
import type { ProgramDocument } from "@orientir/domain";
import {
  annualReportForm,
  displayText,
  fundingForm,
  monitoringForm,
  passportForm,
  planActivitiesForm,
  planIndicatorsForm,
  priorityProjectsForm,
  sourceCodeOfLabel,
  structureForm,
  withoutClassification,
  type FormDocument,
} from "../src/index.ts";
import { municipality, richProgram } from "./data.ts";

const M = municipality();
const context = { sources: M.budgetSources, currency: "RUB" };
const rowsText = (doc: FormDocument, section = 0) => doc.sections[section]!.body.map((r) => r.map(displayText));
const findRow = (rows: string[][], col: number, text: string) => {
  const i = rows.findIndex((r) => r[col] === text);
  expect(i, text).toBeGreaterThanOrEqual(0);
  return rows[i]!;
};

function withMonitoringFields(): ProgramDocument {
  const p = richProgram();
  const d = p.directions[0]!;
  for (const b of d.budgetExecution!) if (b.year === 2026 && b.source === "local") b.deviationReason = `Экономия ${b.quarter} кв.`;
  const cp = d.elements.find((e) => e.kind === "process")!.checkpoints[0]!;
  cp.comment = "Выполнено: 120 детей";
  cp.documents = ["Акт_5.pdf — акт приемки № 5", "Фото.png"];
  return p;
}

describe("appendices 8 and 9: «Комментарий» and «Подтверждающий документ» from what monitoring entered", () => {
  it("the reason for a deviation of funding stands beside the source's row of its direction, for the quarter of the form", () => {
    const p = withMonitoringFields();
    const q1 = rowsText(monitoringForm({ program: p, year: 2026, quarter: 1, context }));
    const dirAt = q1.findIndex((r) => r[0]!.startsWith(`направление «${p.directions[0]!.name}»`));
    const localRow = q1.slice(dirAt).find((r) => r[0] === "средства местного бюджета")!;
    expect(localRow[5]).toBe("Экономия 1 кв.");
    const annual = rowsText(annualReportForm({ program: p, year: 2026, context }));
    const aDir = annual.findIndex((r) => r[0]!.startsWith(`направление «${p.directions[0]!.name}»`));
    expect(annual.slice(aDir).find((r) => r[0] === "средства местного бюджета")![5]).toBe("Экономия 4 кв.");
    // a complex without a reason of its own has an empty comment
    const other = rowsText(monitoringForm({ program: richProgram(), year: 2026, quarter: 1, context }));
    expect(other.every((r) => r.length < 6 || r[5] === "")).toBe(true);
  });

  it("a checkpoint's row names the documents attached to it and carries its comment", () => {
    const p = withMonitoringFields();
    const doc = monitoringForm({ program: p, year: 2026, quarter: 1, context });
    const section = doc.sections.findIndex((s) => s.title?.[0]?.startsWith("Сведения о выполнении"));
    const row = findRow(rowsText(doc, section), 1, "Контрольная точка «Контрольная точка 1»");
    expect(row[5]).toBe("Акт_5.pdf — акт приемки № 5\nФото.png");
    expect(row[6]).toBe("Выполнено: 120 детей");
  });
});

describe("appendix 9: the main results of the year (6.12.3)", () => {
  it("a section of the report lists the results the executor wrote, after the metrics", () => {
    const doc = annualReportForm({ program: richProgram(), year: 2026, context, mainResults: "Создано 100 мест\n\nОхват 82 %" });
    const at = doc.sections.findIndex((s) => s.title?.[0] === "Основные результаты реализации муниципальной программы в 2026 году");
    expect(at).toBeGreaterThan(0);
    expect(doc.sections[at - 1]!.title?.[0]).toBe("Сведения о достижении значений показателей направлений муниципальной программы");
    expect(rowsText(doc, at)).toEqual([["Создано 100 мест"], ["Охват 82 %"]]);
    const none = annualReportForm({ program: richProgram(), year: 2026, context });
    expect(none.sections.some((s) => s.title?.[0]?.startsWith("Основные результаты"))).toBe(false);
  });
});

describe("the budget rows named as the municipality's settings say", () => {
  const kaluga = context.sources.map((s) =>
    s.code === "local" ? { ...s, formLabel: "средства бюджета городского округа города Калуги" } : s,
  );
  it("passport, appendix 4 and appendix 8 use the municipality's wording; without it the decree's generic phrase", () => {
    const p = richProgram();
    for (const doc of [
      passportForm({ program: p, context: { ...context, sources: kaluga } }),
      fundingForm({ program: p, context: { ...context, sources: kaluga } }),
      monitoringForm({ program: p, year: 2026, quarter: 1, context: { ...context, sources: kaluga } }),
    ]) {
      const texts = rowsText(doc).flat();
      expect(texts, doc.form).toContain("средства бюджета городского округа города Калуги");
      expect(texts, doc.form).not.toContain("средства местного бюджета");
    }
    expect(rowsText(passportForm({ program: p, context })).flat()).toContain("средства местного бюджета");
  });
  it("a form read back knows the municipality's wording and the generic phrase", () => {
    expect(sourceCodeOfLabel("средства бюджета городского округа города Калуги", kaluga)).toBe("local");
    expect(sourceCodeOfLabel("средства местного бюджета", kaluga)).toBe("local");
  });
});

describe("action plan (source 000)", () => {
  it("appendix 1, column 7: the executing body or structural unit", () => {
    const m = municipality();
    m.actionPlan!.activities[1]!.executingBody = "Отдел капитального строительства";
    const doc = planActivitiesForm({ plan: m.actionPlan!, context });
    expect(displayText(doc.sections[0]!.header[0]![4]!)).toBe("Исполнительный муниципальный орган/структурное подразделение");
    const row = findRow(rowsText(doc), 1, m.actionPlan!.activities[1]!.name);
    expect(row[7]).toBe("Отдел капитального строительства");
  });

  it("appendix 2: the responsible executor of each indicator", () => {
    const m = municipality();
    m.actionPlan!.indicators[0]!.responsible = "Управление экономики";
    const row = findRow(rowsText(planIndicatorsForm({ plan: m.actionPlan!, context })), 0, m.actionPlan!.indicators[0]!.code!);
    expect(row[row.length - 1]).toBe("Управление экономики");
  });

  it("appendix 3: priority projects, then strategic ones, each group numbered from 1", () => {
    const m = municipality();
    m.actionPlan!.priorityProjects[0]!.kind = "strategic";
    const rows = rowsText(priorityProjectsForm({ plan: m.actionPlan!, context }));
    expect(rows.map((r) => `${r[0]}|${r[1] ?? ""}`).slice(0, 4)).toEqual([
      "Приоритетные проекты|",
      `1|${m.actionPlan!.priorityProjects[1]!.name}`,
      "Стратегические проекты|",
      `1|${m.actionPlan!.priorityProjects[0]!.name}`,
    ]);
  });
});

describe("structural details (part 5)", () => {
  it("1.3.4: a direction's section of the classification of expenditure in appendices 3 and 4, read back by the import", () => {
    const p = richProgram();
    p.directions[0]!.budgetClassification = "0703";
    const title = `Направление «${p.directions[0]!.name}» (раздел, подраздел классификации расходов: 0703)`;
    expect(rowsText(structureForm({ program: p, context }))[0]![0]).toBe(title);
    expect(rowsText(fundingForm({ program: p, context }))[0]![0]).toBe(title);
    expect(withoutClassification(`«${p.directions[0]!.name}» (раздел, подраздел классификации расходов: 0703)`)).toBe(
      `«${p.directions[0]!.name}»`,
    );
  });

  it("1.3.3: the participants of an element are shown as participants, apart from its co-executor", () => {
    const p = richProgram();
    const e = p.directions[0]!.elements[0]!;
    e.participants = ["МБУ «Центр»", "АНО «Технопарк»"];
    const row = findRow(rowsText(structureForm({ program: p, context })), 1, e.name);
    expect(row[4]).toBe(`${e.responsible}\nУчастники: МБУ «Центр»; АНО «Технопарк»`);
  });
});
