/** Builders of format-1 program reports for the evaluation tests. */
import type { ProgramReport, ReportCheckpoint, ReportDirection, ReportElement, ReportValue } from "../src/index.ts";

export function value(code: string, plan: number, fact: number | null, trend: "increase" | "decrease" = "increase"): ReportValue {
  return { code, name: `Показатель ${code}`, unit: "ед.", trend, plan, fact };
}

export function checkpoint(planned: string, actual: string | null, name = `КТ ${planned}`): ReportCheckpoint {
  return { name, planned, actual };
}

export function element(
  code: string,
  metrics: ReportValue[],
  checkpoints: ReportCheckpoint[] = [],
  kind: "process" | "project" = "process",
): ReportElement {
  return { code, kind, name: `Элемент ${code}`, metrics, checkpoints };
}

export function direction(code: string, elements: ReportElement[], funding: { plan: string; cash: string } | null = null): ReportDirection {
  return { code, name: `Направление ${code}`, coExecutor: "Управление образования", funding, elements };
}

export function report(parts: Partial<ProgramReport> & { directions: ReportDirection[] }): ProgramReport {
  return {
    format: "orientir.program-report/1",
    program: { code: "MP-T", name: "Тестовая программа" },
    year: 2025,
    asOf: "2025-12-31",
    methodology: { preset: "kaluga-220p" },
    indicators: [],
    ...parts,
  };
}

/** The worked example of program-report-v1.md, verbatim. */
export const WORKED_EXAMPLE = {
  format: "orientir.program-report/1",
  program: { code: "MP-05", name: "Развитие образования в городе Калуге" },
  year: 2025,
  asOf: "2025-12-31",
  methodology: { preset: "kaluga-220p" },
  indicators: [
    { code: "I-1", name: "Доля детей, охваченных дошкольным образованием", unit: "%", trend: "increase", plan: 78.5, fact: 79.1 },
  ],
  directions: [
    {
      code: "D-1",
      name: "Общее образование",
      coExecutor: "Управление образования",
      funding: { plan: "152340.50", cash: "149876.12" },
      elements: [
        {
          code: "D-1.1",
          kind: "process",
          name: "Обеспечение деятельности школ",
          metrics: [{ code: "M-1", name: "Число обучающихся", unit: "чел.", trend: "increase", plan: 41000, fact: 40650 }],
          checkpoints: [
            { name: "Утверждено муниципальное задание", planned: "2025-01-20", actual: "2025-01-17" },
            { name: "Отчет о выполнении задания за полугодие", planned: "2025-07-20", actual: null },
          ],
        },
      ],
    },
  ],
};
