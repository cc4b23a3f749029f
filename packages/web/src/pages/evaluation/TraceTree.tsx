/**
 * The trace of an evaluation as a drill-down tree: each level with the numbers that went in (its
 * formula with figures), the rules applied and the result. Every node is in the page (collapsed
 * ones are only hidden), so printing expands the whole tree (@media print in evaluation.css).
 */
import { useState } from "react";
import type { TraceRule } from "@orientir/domain";
import { messages, useLang, useT, type Lang } from "../../lib/i18n.tsx";
import { dec, type TraceNode } from "./common.ts";

const M = messages({
  expandAll: ["Развернуть все", "Expand all"],
  collapseAll: ["Свернуть все", "Collapse all"],
  absent: ["отсутствует", "absent"],
  expand: ["Развернуть", "Expand"],
  collapse: ["Свернуть", "Collapse"],
  rules: ["Примененные правила", "Rules applied"],
});

/** Short names of the rules of format 1 (the sentence with the figures comes from the API). */
export const RULE_NAMES: Record<TraceRule, [string, string]> = {
  "zero-divisor": ["нулевой делитель принят равным 1", "zero divisor taken as 1"],
  cap: ["ограничение 100", "capped at 100"],
  "below-zero": ["ниже нуля — принято 0", "below zero taken as 0"],
  "null-fact": ["факт не указан — исключен (предварительная оценка)", "null fact left out (preliminary)"],
  "missing-fact": ["нет факта — уровень 0", "no fact — level 0"],
  "plan-met": ["факт равен плану — 100", "fact equals plan — 100"],
  "no-funding": ["направление без финансирования", "direction without funding"],
  "project-complex": ["комплекс проектов", "project complex"],
  "none-known": ["нет известных значений", "no known values"],
  "no-checkpoints-due": ["нет контрольных точек к дате", "no checkpoints due"],
  "part-absent": ["часть отсутствует", "a part is absent"],
  empty: ["пустой набор", "empty set"],
  rating: ["уровень эффективности", "rating"],
};

/** The rules by name (the API's trace names a rule as a string). */
const RULE_NAME = new Map<string, readonly [string, string]>(Object.entries(RULE_NAMES));

/** A node's key: its path of child positions from the root ("0", "0.1", "0.1.0"). */
function allKeys(n: TraceNode, k = "0"): string[] {
  return [k, ...n.children.flatMap((c, i) => allKeys(c, `${k}.${i}`))];
}

/** Open by default: the program and its directions (two levels), the rest on demand. */
function initiallyOpen(n: TraceNode, depth = 0, k = "0"): string[] {
  if (depth >= 2) return [];
  return [k, ...n.children.flatMap((c, i) => initiallyOpen(c, depth + 1, `${k}.${i}`))];
}

export function TraceTree({ root }: { root: TraceNode }) {
  const t = useT(M);
  const { lang } = useLang();
  const [open, setOpen] = useState<Set<string>>(() => new Set(initiallyOpen(root)));
  const toggle = (k: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(k)) n.delete(k);
      else n.add(k);
      return n;
    });
  return (
    <div className="trace" data-testid="trace">
      <div className="toolbar">
        <button type="button" className="secondary" onClick={() => setOpen(new Set(allKeys(root)))}>
          {t("expandAll")}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(new Set())}>
          {t("collapseAll")}
        </button>
      </div>
      <ul className="trace-tree" role="tree">
        <Node node={root} k="0" open={open} toggle={toggle} lang={lang} t={t} />
      </ul>
    </div>
  );
}

function Node({
  node,
  k,
  open,
  toggle,
  lang,
  t,
}: {
  node: TraceNode;
  k: string;
  open: Set<string>;
  toggle: (k: string) => void;
  lang: Lang;
  t: (k: keyof typeof M) => string;
}) {
  const isOpen = open.has(k);
  const hasKids = node.children.length > 0 || (node.details?.length ?? 0) > 0;
  const testId = `trace-${node.level}${node.subject ? `-${node.subject.code}` : ""}`;
  return (
    <li
      role="treeitem"
      aria-expanded={hasKids ? isOpen : undefined}
      className={`trace-node${isOpen ? " open" : ""}${node.value === null ? " absent" : ""}`}
      data-testid={testId}
    >
      <div className="trace-head">
        {hasKids ? (
          <button type="button" className="link toggle" aria-label={isOpen ? t("collapse") : t("expand")} onClick={() => toggle(k)}>
            {isOpen ? "▾" : "▸"}
          </button>
        ) : (
          <span className="toggle-space" />
        )}
        <span className="trace-symbol">{node.symbol}</span>
        {node.subject ? (
          <span className="trace-subject">
            {node.subject.code} {node.subject.name}
          </span>
        ) : null}
        <span className="trace-label muted">{node.label}</span>
        <span className="trace-value" data-testid="trace-value" data-value={node.value ?? ""}>
          {node.display === null ? t("absent") : `= ${dec(node.display, lang)}`}
        </span>
      </div>
      <div className="trace-formula" data-testid="trace-formula">
        {node.formula}
      </div>
      {node.rules.length ? (
        <ul className="trace-rules" aria-label={t("rules")}>
          {node.rules.map((r, i) => (
            <li key={i} className={`rule rule-${r.rule}`} data-rule={r.rule}>
              <span className="rule-name">{RULE_NAME.get(r.rule)?.[lang === "ru" ? 0 : 1] ?? r.rule}</span>
              <span className="rule-text">{r.text}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {hasKids ? (
        <div className="trace-children">
          {node.details?.length ? (
            <ul className="trace-details">
              {node.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          ) : null}
          {node.children.length ? (
            <ul role="group">
              {node.children.map((c, i) => (
                <Node key={i} node={c} k={`${k}.${i}`} open={open} toggle={toggle} lang={lang} t={t} />
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
