/**
 * The explanatory note (пояснительная записка) to a draft amendment. Decree 220-п, 4.7.1: it
 * "должна содержать перечень изменений в основные положения муниципальной программы, объемов
 * финансирования и значений индикаторов муниципальной программы (при условии их изменения) с
 * указанием причин изменения (обоснование)". Made from the changes of diff.ts, in figures, with
 * the reason entered for each change; a change without one says so and is listed in
 * `missingReasons`. The note is data: the user edits it before it is printed.
 */
import { formatDateRu, isIsoDate } from "../dates.ts";
import { absMoney, formatMoneyRu, parseMoney, type Money } from "../money.ts";
import { ELEMENT_KIND_LABELS, TREND_LABELS, type ElementKind, type Trend } from "../model/enums.ts";
import type { ProgramDocument } from "../model/documents.ts";
import { ENTITY_WORDS, FIELD_LABELS, type Change, type ChangeEntity } from "./diff.ts";
import { formatDecimalRu, formatDeltaRu } from "./numbers.ts";

export interface NoteSection {
  heading: string;
  paragraphs: string[];
}

export interface ExplanatoryNote {
  title: string;
  sections: NoteSection[];
  /** Paths of the changes given without a reason. */
  missingReasons: string[];
}

export interface NoteMeta {
  programName: string;
  versionFrom: string;
  versionTo: string;
  /** Unit of amounts; "тыс. руб." unless given. */
  moneyUnit?: string;
  /** "из …" phrases by funding source code, e.g. { local: "из бюджета города" }. */
  sourceNames?: Record<string, string>;
}

export const NO_REASON = "Причина не указана";

/** How the note words the funding of the usual budget sources ("из бюджета города"); another source is named by the caller. */
export const NOTE_SOURCE_PHRASES: Readonly<Record<string, string>> = {
  federal: "из федерального бюджета",
  regional: "из областного бюджета",
  local: "из бюджета города",
  other: "из иных источников",
};

const MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];

const SECTIONS: { heading: string; entities: readonly ChangeEntity[] }[] = [
  {
    heading: "Изменения основных положений муниципальной программы",
    entities: ["program", "coExecutor", "goal", "stage", "direction", "element", "task", "activity"],
  },
  { heading: "Изменения индикаторов муниципальной программы", entities: ["indicator"] },
  { heading: "Изменения показателей направлений муниципальной программы", entities: ["metric"] },
  { heading: "Изменения контрольных точек", entities: ["checkpoint"] },
  { heading: "Изменения объемов финансирования", entities: ["fundingTotal", "funding"] },
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function verb(entity: ChangeEntity, kind: "added" | "removed"): string {
  const ending = { m: "", f: "а", n: "о" }[ENTITY_WORDS[entity].gender];
  return (kind === "added" ? "Добавлен" : "Исключен") + ending;
}

function periodOf(c: Change): string {
  if (c.month !== undefined) return c.month === 12 ? `на 31 декабря ${c.year} года` : `на конец ${MONTHS_GEN[c.month - 1]} ${c.year} года`;
  return `на ${c.year} год`;
}

function money(s: string): string {
  try {
    return formatMoneyRu(parseMoney(s));
  } catch {
    return s;
  }
}

/** A value as the reader sees it: figures grouped, dates as 31.12.2026, enums in Russian. */
function shown(c: Change, v: string | null | undefined): string {
  if (v === null || v === undefined) return "не указано";
  switch (c.valueKind) {
    case "decimal":
      return formatDecimalRu(v);
    case "money":
      return money(v);
    case "date":
      return isIsoDate(v) ? formatDateRu(v) : v;
    default:
      if (c.field === "trend" && v in TREND_LABELS) return TREND_LABELS[v as Trend].ru;
      if (c.field === "kind" && v in ELEMENT_KIND_LABELS) return ELEMENT_KIND_LABELS[v as ElementKind].ru;
      return v;
  }
}

function fundingSentence(c: Change, meta: NoteMeta): string {
  const unit = meta.moneyUnit ?? "тыс. руб.";
  const code = c.source ?? "";
  const source = meta.sourceNames?.[code] ?? NOTE_SOURCE_PHRASES[code] ?? `по источнику «${code}»`;
  const whose = c.entity === "funding" ? ` структурного элемента «${c.name}»` : "";
  const subject = `Объем финансирования${whose} на ${c.year} год ${source}`;
  if (c.kind === "added") return `${subject} предусмотрен в размере ${money(c.after ?? "0")} ${unit}`;
  if (c.kind === "removed") return `${subject} исключен (было ${money(c.before ?? "0")} ${unit})`;
  const delta = parseMoney(c.delta ?? "0");
  const moved = delta >= 0n ? "увеличен" : "уменьшен";
  return `${subject} ${moved} на ${formatMoneyRu(absMoney(delta))} ${unit} (с ${money(c.before ?? "0")} до ${money(c.after ?? "0")} ${unit})`;
}

/** One change as a Russian sentence, without the final full stop. */
export function describeChange(c: Change, meta: NoteMeta): string {
  const words = ENTITY_WORDS[c.entity];
  if (c.field === undefined) {
    const kind = c.kind === "removed" ? "removed" : "added";
    const when = c.entity === "checkpoint" && c.date ? ` (плановая дата ${isIsoDate(c.date) ? formatDateRu(c.date) : c.date})` : "";
    return `${verb(c.entity, kind)} ${words.nom} «${c.name}»${when}`;
  }
  if (c.field === "amount") return fundingSentence(c, meta);
  const fieldRu = FIELD_LABELS[c.field] ?? c.field;
  if (c.year !== undefined && (c.field === "plan" || c.field === "fact" || c.field === "forecast")) {
    const subject = `${cap(fieldRu)} ${words.gen} «${c.name}» ${periodOf(c)}`;
    if (c.kind === "added") return `${subject} установлено: ${shown(c, c.after)}`;
    if (c.kind === "removed") return `${subject} исключено (было ${shown(c, c.before)})`;
    return `${subject} изменено с ${shown(c, c.before)} до ${shown(c, c.after)}${c.delta ? ` (${formatDeltaRu(c.delta)})` : ""}`;
  }
  const delta = c.delta ? ` (${formatDeltaRu(c.delta)})` : "";
  return `${cap(words.nom)} «${c.name}»: ${fieldRu} — было «${shown(c, c.before)}», стало «${shown(c, c.after)}»${delta}`;
}

function reasonFor(c: Change, changes: readonly Change[], reasons: Record<string, string>): string | null {
  const own = reasons[c.path]?.trim();
  if (own) return own;
  if (c.entity === "fundingTotal") {
    // The total of a year and source: the reasons given for the elements' funding behind it.
    const parts = changes
      .filter((x) => x.entity === "funding" && x.year === c.year && x.source === c.source)
      .map((x) => reasons[x.path]?.trim())
      .filter((r): r is string => !!r);
    if (parts.length > 0) return [...new Set(parts)].join("; ");
  }
  return null;
}

function withReason(sentence: string, reason: string | null): string {
  return reason ? `${sentence}. Причина: ${reason.replace(/[.\s]+$/, "")}.` : `${sentence}. ${NO_REASON}.`;
}

/** The note: what changed, in figures, section by section, each with its reason. */
export function explanatoryNote(changes: readonly Change[], reasons: Record<string, string>, meta: NoteMeta): ExplanatoryNote {
  const missingReasons: string[] = [];
  const sections: NoteSection[] = [];
  for (const spec of SECTIONS) {
    const own = changes.filter((c) => spec.entities.includes(c.entity));
    const ordered = spec.entities.flatMap((e) => own.filter((c) => c.entity === e));
    if (ordered.length === 0) continue;
    sections.push({
      heading: spec.heading,
      paragraphs: ordered.map((c) => {
        const reason = reasonFor(c, changes, reasons);
        if (!reason) missingReasons.push(c.path);
        return withReason(describeChange(c, meta), reason);
      }),
    });
  }
  const general: string[] = [
    `Проект изменений в муниципальную программу «${meta.programName}»: редакция «${meta.versionTo}» по сравнению с редакцией «${meta.versionFrom}».`,
    changes.length === 0 ? "Изменений нет." : `Число изменений: ${changes.length}.`,
  ];
  if (missingReasons.length > 0) general.push(`Для изменений (${missingReasons.length}) причина не указана: требуется обоснование.`);
  return {
    title: `Пояснительная записка к проекту изменений в муниципальную программу «${meta.programName}»`,
    sections: [{ heading: "Общие сведения", paragraphs: general }, ...sections],
    missingReasons,
  };
}

/** The note as plain text: the title, then numbered sections, one paragraph per line. */
export function noteToText(note: ExplanatoryNote): string {
  const lines = [note.title, ""];
  note.sections.forEach((s, i) => {
    lines.push(`${i + 1}. ${s.heading}`, ...s.paragraphs, "");
  });
  return lines.join("\n").trimEnd() + "\n";
}

/**
 * The note to a draft of a new program (220-п 4.7: "общую информацию об утверждаемой программе"):
 * its executors and period, goals, indicators with their targets, directions and the funding by
 * year and source, in figures.
 */
export function newProgramNote(doc: ProgramDocument, meta: Pick<NoteMeta, "moneyUnit" | "sourceNames"> = {}): ExplanatoryNote {
  const unit = meta.moneyUnit ?? "тыс. руб.";
  const general = [
    `Проект муниципальной программы «${doc.name}» (${doc.code}) на ${doc.startYear}–${doc.endYear} годы.`,
    `Ответственный исполнитель — ${doc.responsibleExecutor || "не указан"}${doc.coExecutors.length ? `; соисполнители: ${doc.coExecutors.join(", ")}` : ""}.`,
  ];
  const goals = doc.goals.map((g) => {
    const target = g.targetValue
      ? `: целевое значение ${formatDecimalRu(g.targetValue)}${g.unit ? ` ${g.unit}` : ""}${g.targetYear ? ` к ${g.targetYear} году` : ""}`
      : "";
    return `Цель «${g.name}»${target}.`;
  });
  const indicators = doc.indicators.map((i) => {
    const last = [...i.values].filter((v) => v.plan != null && v.plan !== "").sort((a, b) => b.year - a.year)[0];
    return `Индикатор «${i.name}» (${i.unit})${i.baseValue ? `: базовое значение ${formatDecimalRu(i.baseValue)} (${i.baseYear})` : ""}${last ? `, плановое значение на ${last.year} год — ${formatDecimalRu(String(last.plan))}` : ""}.`;
  });
  const structure = doc.directions.map((d) => {
    const metrics = d.elements.reduce((n, e) => n + e.metrics.length, 0);
    const checkpoints = d.elements.reduce((n, e) => n + e.checkpoints.length, 0);
    return `Направление «${d.name}» (соисполнитель — ${d.coExecutor}): структурных элементов — ${d.elements.length}, показателей — ${metrics}, контрольных точек — ${checkpoints}.`;
  });
  const totals = new Map<number, Map<string, bigint>>();
  for (const d of doc.directions)
    for (const e of d.elements)
      for (const f of e.funding) {
        let amount: bigint;
        try {
          amount = parseMoney(f.amount);
        } catch {
          continue;
        }
        const y = totals.get(f.year) ?? new Map<string, bigint>();
        y.set(f.source, (y.get(f.source) ?? 0n) + amount);
        totals.set(f.year, y);
      }
  const funding = [...totals.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, bySource]) => {
      const total = [...bySource.values()].reduce((s, x) => s + x, 0n);
      const parts = [...bySource.entries()].map(
        ([s, x]) =>
          `${(meta.sourceNames?.[s] ?? NOTE_SOURCE_PHRASES[s] ?? `по источнику «${s}»`).replace(/^из /, "")} — ${formatMoneyRu(x as Money)}`,
      );
      return `${year} год: ${formatMoneyRu(total as Money)} ${unit} (${parts.join("; ")}).`;
    });
  const sections: NoteSection[] = [{ heading: "Общие сведения", paragraphs: general }];
  if (goals.length) sections.push({ heading: "Цели муниципальной программы", paragraphs: goals });
  if (indicators.length) sections.push({ heading: "Индикаторы муниципальной программы", paragraphs: indicators });
  if (structure.length) sections.push({ heading: "Направления муниципальной программы", paragraphs: structure });
  if (funding.length) sections.push({ heading: "Объем финансирования", paragraphs: funding });
  return { title: `Пояснительная записка к проекту муниципальной программы «${doc.name}»`, sections, missingReasons: [] };
}
