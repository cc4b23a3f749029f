/** Test data for the forms: the fixture's program and plan, made richer, and readers of each format. */
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import type { MunicipalityDocument, ProgramDocument } from "@orientir/domain";
import { MUNICIPALITY_A, smallProgram } from "../../testing/src/fixture.ts";

export { MUNICIPALITY_A };

/** MP-1 of the fixture with a project complex, facts, justifications and hostile texts. */
export function richProgram(): ProgramDocument {
  const p = structuredClone(
    smallProgram("MP-1", "Управление образования", ["Комитет по культуре", "Управление городского хозяйства"], "А1"),
  );
  p.indicators[0]!.values.find((v) => v.year === 2025)!.justification = "Отклонение из-за переноса сроков";
  p.indicators.push({
    code: "И2",
    name: '=HYPERLINK("http://x")',
    unit: "чел.",
    trend: "decrease",
    baseYear: 2024,
    baseValue: "1200.5",
    values: [2025, 2026, 2027, 2028, 2029, 2030].map((y) => ({
      year: y,
      plan: String(1200 - (y - 2024) * 10) + ".5",
      fact: y === 2025 ? "1185.25" : null,
    })),
  });
  const d1 = p.directions[0]!;
  d1.elements.unshift({
    code: "1.0",
    name: "+Региональный проект «Успех каждого ребенка»",
    kind: "project",
    responsible: "Комитет по культуре",
    startYear: 2025,
    endYear: 2027,
    tasks: [{ code: "1", name: "Охват детей дополнительным образованием", activities: [{ code: "1.1", name: "@Создание новых мест" }] }],
    metrics: [
      {
        code: "ПП1",
        name: "Число новых мест",
        unit: "ед.",
        okei: "642",
        trend: "increase",
        baseYear: 2024,
        baseValue: "0",
        level: "ФП в НП",
        task: "1",
        valueSource: "-региональный проект",
        values: [
          { year: 2025, plan: "100", fact: "100" },
          { year: 2026, plan: "150", fact: null },
        ],
        months: [
          { year: 2026, month: 6, plan: "50", fact: "48", forecast: null },
          { year: 2026, month: 12, plan: "150", fact: null, forecast: "149.5" },
        ],
      },
    ],
    checkpoints: [],
    funding: [
      { year: 2025, source: "federal", amount: "12345678.91" },
      { year: 2026, source: "federal", amount: "0.01" },
      { year: 2026, source: "local", amount: "99.99" },
    ],
  });
  const process = d1.elements[1]!;
  process.checkpoints[0]!.actualDate = "2026-03-18";
  process.checkpoints[1]!.informationSystem = "\tГАС «Управление»";
  process.metrics[0]!.months[0]!.fact = "3";
  d1.budgetExecution!.push(
    { year: 2026, quarter: 4, source: "local", schedule: "2100.00", cash: "2050.75" },
    { year: 2026, quarter: 4, source: "federal", schedule: "0.01", cash: "0.00" },
  );
  return p;
}

export function municipality(): MunicipalityDocument {
  const m = structuredClone(MUNICIPALITY_A);
  m.programs[0] = richProgram();
  m.actionPlan!.activities.push({
    code: "2",
    name: "-Строительство школы",
    goal: "1",
    responsible: "Управление городского хозяйства",
    program: "MP-2",
    executingBody: "Отдел капитального строительства",
    expectedResult: "Новая школа на 1000 мест",
    funding: [
      { year: 2024, source: "regional", amount: "110153.80" },
      { year: 2024, source: "local", amount: "18325.90" },
      { year: 2026, source: "local", amount: "0.50" },
    ],
  });
  m.actionPlan!.priorityProjects.push({
    name: "Детский сад на 300 мест",
    object: "Муниципальный объект «Жуковка»",
    plannedWorks: "Строительство",
    term: "2024-2026",
    responsible: "Управление образования",
    funding: [],
  });
  return m;
}

// ---- readers: the second parsers ------------------------------------------------------------------

export { readXlsx, type SheetCell } from "./xlsx.ts";

/** Excel serial day → ISO date. */
export function serialToIso(n: number): string {
  return new Date(Math.round((n - 25569) * 86400000)).toISOString().slice(0, 10);
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d)))
    .replace(/&amp;/g, "&");

/** The tables of a DOCX: rows of cell texts; cells continuing a vertical merge are left out. */
export async function readDocxTables(buf: Buffer): Promise<{ paragraphs: string[]; tables: string[][][] }> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file("word/document.xml")!.async("string");
  const textOf = (frag: string) =>
    [...frag.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
      .map((p) =>
        [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((m) => (m[0] === "<w:br/>" ? "\n" : decode(m[1]!))).join(""),
      )
      .join("\n");
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
      [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)]
        .filter((tc) => !/<w:vMerge\/>|<w:vMerge w:val="continue"\/>/.test(tc[0]))
        .map((tc) => textOf(tc[0])),
    ),
  );
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, "");
  return { paragraphs: textOf(body).split("\n").filter(Boolean), tables };
}

export async function readPdfPages(buf: Buffer): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(buf));
  const { text } = await extractText(pdf, { mergePages: false });
  return text;
}

export const squeeze = (s: string) => s.replace(/\s+/g, "");
