/** Field and resource specifications: the single description of every stored entity. */

export interface Label {
  ru: string;
  en: string;
}

export type FieldType =
  | { kind: "text"; max?: number; multiline?: boolean }
  | { kind: "int"; min?: number; max?: number }
  | { kind: "year" }
  | { kind: "decimal" }
  | { kind: "money" }
  | { kind: "date" }
  | { kind: "bool" }
  | { kind: "enum"; values: readonly string[]; labels?: Record<string, Label> }
  | { kind: "ref"; resource: string };

export interface FieldSpec {
  /** camelCase name in code and JSON; the column is its snake_case form. */
  name: string;
  type: FieldType;
  required: boolean;
  label: Label;
}

export type Scope = "municipality" | "strategy" | "plan" | "program";

export interface ResourceSpec {
  /** camelCase singular, e.g. "structuralElement". */
  name: string;
  /** URL segment, e.g. "structural-elements". */
  path: string;
  /** snake_case table name. */
  table: string;
  label: Label;
  scope: Scope;
  /** The owning row; deleting it deletes this row. */
  parent?: { field: string; resource: string };
  /** Fields whose combination is unique within the parent (a clear error instead of a duplicate). */
  unique?: string[][];
  fields: FieldSpec[];
}

export function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

export function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export const f = {
  text(name: string, ru: string, en: string, required = true, max = 2000): FieldSpec {
    return { name, type: { kind: "text", max }, required, label: { ru, en } };
  },
  longText(name: string, ru: string, en: string, required = false): FieldSpec {
    return { name, type: { kind: "text", max: 20000, multiline: true }, required, label: { ru, en } };
  },
  int(name: string, ru: string, en: string, required = true, min?: number, max?: number): FieldSpec {
    return { name, type: { kind: "int", min, max }, required, label: { ru, en } };
  },
  year(name: string, ru: string, en: string, required = true): FieldSpec {
    return { name, type: { kind: "year" }, required, label: { ru, en } };
  },
  decimal(name: string, ru: string, en: string, required = false): FieldSpec {
    return { name, type: { kind: "decimal" }, required, label: { ru, en } };
  },
  money(name: string, ru: string, en: string, required = true): FieldSpec {
    return { name, type: { kind: "money" }, required, label: { ru, en } };
  },
  date(name: string, ru: string, en: string, required = true): FieldSpec {
    return { name, type: { kind: "date" }, required, label: { ru, en } };
  },
  enumOf(name: string, values: readonly string[], ru: string, en: string, required = true, labels?: Record<string, Label>): FieldSpec {
    return { name, type: { kind: "enum", values, labels }, required, label: { ru, en } };
  },
  ref(name: string, resource: string, ru: string, en: string, required = true): FieldSpec {
    return { name, type: { kind: "ref", resource }, required, label: { ru, en } };
  },
  bool(name: string, ru: string, en: string): FieldSpec {
    return { name, type: { kind: "bool" }, required: false, label: { ru, en } };
  },
};
