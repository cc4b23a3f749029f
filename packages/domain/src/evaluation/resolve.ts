/**
 * Choosing and checking a methodology: the preset a report names (from the built-in ones and a
 * municipality's own), the weights it overrides, and the checks every methodology tree must
 * pass (levels in the right scope, parameters present and exact, the weights of every sum
 * adding up to 1).
 */
import { ValidationError, type FieldIssue } from "../errors.ts";
import { BUILTIN_METHODOLOGIES, LEVEL_IDS, RATINGS, type Level, type Methodology, type LevelScope } from "./methodology.ts";
import { add, cmp, fromNumber, parseDecimal, Q0, Q1, toExactDecimal, type Rational } from "./rational.ts";
import type { ReportMethodology } from "./report.ts";

function issue(path: string, message: string, messageEn: string): FieldIssue {
  return { path, message, messageEn, severity: "error" };
}

const DEC_RE = /^-?\d+(\.\d+)?$/;

/** Problems of a methodology tree (empty when it is sound). Paths start at `base`. */
export function methodologyIssues(m: Methodology, base = "methodology"): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (!m.id || typeof m.id !== "string") out.push(issue(`${base}.id`, "не указан идентификатор методики", "id is missing"));
  if (!Number.isInteger(m.version) || m.version < 1)
    out.push(issue(`${base}.version`, "версия — целое число не меньше 1", "version must be an integer ≥ 1"));
  for (const [k, v] of Object.entries(m.parameters)) {
    if (typeof v !== "string" || !DEC_RE.test(v))
      out.push(issue(`${base}.parameters.${k}`, "значение параметра — десятичное число строкой", "a parameter is a decimal string"));
  }
  const param = (name: string | null, path: string): void => {
    if (name !== null && !(name in m.parameters))
      out.push(issue(path, `параметр «${name}» не задан в parameters`, `parameter "${name}" is not defined`));
  };
  const walk = (l: Level, scope: LevelScope, path: string): void => {
    if (!(LEVEL_IDS as readonly string[]).includes(l.id))
      out.push(issue(`${path}.id`, `неизвестный уровень «${l.id}»`, `unknown level id "${l.id}"`));
    switch (l.kind) {
      case "ratio":
        if (l.source === "value" && scope !== "indicator" && scope !== "metric")
          out.push(
            issue(
              path,
              "отношение план/факт вычисляется только для индикатора или показателя",
              "a value ratio needs an indicator or metric",
            ),
          );
        if (l.source === "funding" && scope !== "direction")
          out.push(
            issue(path, "уровень использования ассигнований вычисляется только для направления", "a funding ratio needs a direction"),
          );
        if (l.onZeroDivisor === "param") param("zeroDivisor", `${path}.onZeroDivisor`);
        param(l.cap, `${path}.cap`);
        break;
      case "mean": {
        const from: Record<typeof l.over, [LevelScope, LevelScope]> = {
          indicators: ["program", "indicator"],
          directions: ["program", "direction"],
          elements: ["direction", "element"],
          metrics: ["element", "metric"],
        };
        const [need, inner] = from[l.over];
        if (scope !== need)
          out.push(
            issue(
              `${path}.over`,
              `среднее по «${l.over}» вычисляется на уровне ${need}, а не ${scope}`,
              `a mean over ${l.over} needs scope ${need}, not ${scope}`,
            ),
          );
        param(l.whenEmpty, `${path}.whenEmpty`);
        walk(l.item, inner, `${path}.item`);
        break;
      }
      case "countRatio":
        if (scope !== "element")
          out.push(
            issue(path, "доля контрольных точек вычисляется для структурного элемента", "a checkpoint count ratio needs an element"),
          );
        param(l.whenNoneDue, `${path}.whenNoneDue`);
        for (const [k, p] of Object.entries(l.fixedForKinds)) param(p ?? null, `${path}.fixedForKinds.${k}`);
        break;
      case "weightedSum": {
        if (l.parts.length === 0) out.push(issue(`${path}.parts`, "взвешенная сумма без слагаемых", "a weighted sum without parts"));
        let total: Rational = Q0;
        let known = true;
        l.parts.forEach((p, i) => {
          param(p.weight, `${path}.parts[${i}].weight`);
          const v = m.parameters[p.weight];
          if (v === undefined || !DEC_RE.test(v)) known = false;
          else {
            const w = parseDecimal(v);
            if (cmp(w, Q0) < 0 || cmp(w, Q1) > 0)
              out.push(
                issue(weightPath(m, p.weight, base), `вес «${p.weight}» должен быть от 0 до 1`, `weight "${p.weight}" must be from 0 to 1`),
              );
            total = add(total, w);
          }
          walk(p.level, scope, `${path}.parts[${i}].level`);
        });
        if (known && l.parts.length > 0 && cmp(total, Q1) !== 0) {
          const names = l.parts.map((p) => p.weight);
          out.push(
            issue(
              weightPath(m, names[0]!, base),
              `сумма весов ${names.join(" + ")} (уровень ${l.symbol}) должна быть равна 1, а равна ${toExactDecimal(total) ?? "≠ 1"}`,
              `weights ${names.join(" + ")} of ${l.symbol} must add up to 1`,
            ),
          );
        }
        break;
      }
    }
  };
  walk(m.root, "program", `${base}.root`);
  m.rating.bands.forEach((b, i) => {
    param(b.from, `${base}.rating.bands[${i}].from`);
    if (!RATINGS.includes(b.rating)) out.push(issue(`${base}.rating.bands[${i}].rating`, "неизвестная оценка уровня", "unknown rating"));
  });
  return out;
}

function weightPath(m: Methodology, name: string, base: string): string {
  return m.weightNames.includes(name) ? `${base}.weights.${name}` : `${base}.parameters.${name}`;
}

export interface ResolvedMethodology {
  methodology: Methodology;
  /** Names of the parameters the report overrode. */
  overridden: string[];
}

/**
 * The methodology a report names: preset id (and version, else the latest), with the report's
 * weights applied. Throws ValidationError naming `methodology.preset`, `methodology.version`
 * or `methodology.weights.<name>`.
 */
export function resolveMethodology(spec: ReportMethodology, extra: readonly Methodology[] = []): ResolvedMethodology {
  const all = [...extra, ...BUILTIN_METHODOLOGIES];
  const same = all.filter((m) => m.id === spec.preset);
  if (same.length === 0) {
    const known = [...new Set(all.map((m) => m.id))].join(", ");
    throw new ValidationError([
      issue("methodology.preset", `неизвестная методика «${spec.preset}» (известны: ${known})`, `unknown preset "${spec.preset}"`),
    ]);
  }
  let base: Methodology | undefined;
  if (spec.version !== undefined) {
    base = same.find((m) => m.version === spec.version);
    if (!base) {
      throw new ValidationError([
        issue(
          "methodology.version",
          `у методики «${spec.preset}» нет версии ${spec.version} (есть: ${same.map((m) => m.version).join(", ")})`,
          "unknown version",
        ),
      ]);
    }
  } else {
    // A municipality's own preset under the same id comes first in `extra`; take the highest version.
    base = same.reduce((a, b) => (b.version > a.version ? b : a));
  }
  const overridden: string[] = [];
  const parameters = { ...base.parameters };
  const issues: FieldIssue[] = [];
  for (const [k, v] of Object.entries(spec.weights ?? {})) {
    if (!base.weightNames.includes(k)) {
      issues.push(issue(`methodology.weights.${k}`, `методика «${base.id}» не имеет веса «${k}»`, `no weight "${k}"`));
      continue;
    }
    const exact = toExactDecimal(fromNumber(v));
    if (exact === null) {
      issues.push(issue(`methodology.weights.${k}`, "вес должен быть конечной десятичной дробью", "a weight must be a finite decimal"));
      continue;
    }
    if (parameters[k] !== exact) overridden.push(k);
    parameters[k] = exact;
  }
  const methodology: Methodology = { ...base, parameters };
  issues.push(...methodologyIssues(methodology));
  if (issues.length > 0) throw new ValidationError(issues);
  return { methodology, overridden };
}

/**
 * A methodology from JSON (a stored one, or one a user sends): checks its shape — every level
 * a known kind with its fields — then `methodologyIssues`. Throws ValidationError naming paths.
 */
export function methodologyFromJson(value: unknown, base = "methodology"): Methodology {
  const out: FieldIssue[] = [];
  const fail = (path: string, ru: string, en: string): false => {
    out.push(issue(path, ru, en));
    return false;
  };
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  const str = (o: Record<string, unknown>, k: string, path: string): boolean => {
    if (typeof o[k] === "string" && o[k].length > 0) return true;
    out.push(issue(`${path}.${k}`, "должно быть непустой строкой", "must be a non-empty string"));
    return false;
  };
  const level = (v: unknown, path: string): boolean => {
    if (!isObj(v)) {
      out.push(issue(path, "уровень должен быть объектом", "a level must be an object"));
      return false;
    }
    let ok = str(v, "id", path) && str(v, "symbol", path) && str(v, "label", path);
    switch (v.kind) {
      case "ratio":
        if (v.source !== "value" && v.source !== "funding")
          ok = fail(`${path}.source`, 'должно быть "value" или "funding"', "value or funding");
        if (v.onZeroDivisor !== "param" && v.onZeroDivisor !== "absent")
          ok = fail(`${path}.onZeroDivisor`, 'должно быть "param" или "absent"', "param or absent");
        if (v.cap !== null && typeof v.cap !== "string") ok = fail(`${path}.cap`, "имя параметра или null", "a parameter name or null");
        return ok;
      case "mean":
        if (!["indicators", "directions", "elements", "metrics"].includes(String(v.over)))
          ok = fail(`${path}.over`, "indicators, directions, elements или metrics", "indicators, directions, elements or metrics");
        if (v.whenEmpty !== null && typeof v.whenEmpty !== "string")
          ok = fail(`${path}.whenEmpty`, "имя параметра или null", "a parameter name or null");
        return level(v.item, `${path}.item`) && ok;
      case "countRatio":
        if (v.over !== "checkpoints") ok = fail(`${path}.over`, 'должно быть "checkpoints"', "checkpoints");
        if (typeof v.whenNoneDue !== "string") ok = fail(`${path}.whenNoneDue`, "имя параметра", "a parameter name");
        if (
          !isObj(v.fixedForKinds) ||
          Object.entries(v.fixedForKinds).some(([k, p]) => !["project", "process"].includes(k) || typeof p !== "string")
        ) {
          ok = fail(`${path}.fixedForKinds`, 'объект {"project"|"process": имя параметра}', "kind → parameter name");
        }
        return ok;
      case "weightedSum":
        if (!Array.isArray(v.parts) || v.parts.length === 0) {
          out.push(issue(`${path}.parts`, "непустой массив частей", "a non-empty array of parts"));
          return false;
        }
        v.parts.forEach((p, i) => {
          const pp = `${path}.parts[${i}]`;
          if (!isObj(p)) {
            out.push(issue(pp, "часть — объект {weight, level}", "a part is {weight, level}"));
            ok = false;
            return;
          }
          if (!str(p, "weight", pp)) ok = false;
          if (!level(p.level, `${pp}.level`)) ok = false;
        });
        return ok;
      default:
        out.push(issue(`${path}.kind`, "ratio, mean, countRatio или weightedSum", "ratio, mean, countRatio or weightedSum"));
        return false;
    }
  };
  if (!isObj(value)) throw new ValidationError([issue(base, "методика должна быть объектом", "a methodology must be an object")]);
  let ok = str(value, "id", base) && str(value, "name", base);
  if (typeof value.version !== "number") ok = fail(`${base}.version`, "целое число", "an integer");
  if (!isObj(value.parameters) || Object.values(value.parameters).some((x) => typeof x !== "string")) {
    ok = fail(`${base}.parameters`, "объект: имя → десятичное число строкой", "name → decimal string");
  }
  if (!Array.isArray(value.weightNames) || value.weightNames.some((x) => typeof x !== "string")) {
    ok = fail(`${base}.weightNames`, "массив имен параметров", "an array of parameter names");
  }
  const rating = value.rating;
  if (
    !isObj(rating) ||
    !Array.isArray(rating.bands) ||
    !rating.bands.every((b) => isObj(b) && typeof b.from === "string" && typeof b.rating === "string") ||
    typeof rating.otherwise !== "string" ||
    !RATINGS.includes(rating.otherwise as never)
  ) {
    ok = fail(`${base}.rating`, '{"bands": [{"from": параметр, "rating": …}], "otherwise": "unsatisfactory"}', "rating bands");
  }
  if (!level(value.root, `${base}.root`)) ok = false;
  if (!ok || out.length > 0) throw new ValidationError(out);
  const m = value as unknown as Methodology;
  const more = methodologyIssues(m, base);
  if (more.length > 0) throw new ValidationError(more);
  return m;
}
