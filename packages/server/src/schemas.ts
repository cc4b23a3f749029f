/** Schemas shared by routes: ids, versions, rows made from the resource specs, errors. */
import { z } from "zod";
import type { FieldSpec, ResourceSpec } from "@orientir/domain";
import { scopeColumns } from "@orientir/domain";

export const Uuid = z.string().uuid();
export const IdParams = z.object({ id: Uuid });

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string(), messageEn: z.string().optional(), rule: z.string().optional() })).optional(),
    rule: z.string().optional(),
    current: z.unknown().optional(),
  }),
});

/** What a client may send for a field: validated in depth by the domain's rules. */
function inputOf(f: FieldSpec): z.ZodType {
  switch (f.type.kind) {
    case "text":
      return z.string().nullable().describe(f.label.ru);
    case "int":
    case "year":
      return z.union([z.number().int(), z.string()]).nullable().describe(f.label.ru);
    case "decimal":
      return z.union([z.string(), z.number()]).nullable().describe(`${f.label.ru} (десятичное число строкой)`);
    case "money":
      return z.union([z.string(), z.number()]).nullable().describe(`${f.label.ru} (строка, не более 2 знаков после запятой)`);
    case "date":
      return z.string().nullable().describe(`${f.label.ru} (ГГГГ-ММ-ДД)`);
    case "bool":
      return z.boolean().nullable().describe(f.label.ru);
    case "enum":
      return z.string().nullable().describe(`${f.label.ru}: ${f.type.values.join(", ")}`);
    case "ref":
      return z.string().nullable().describe(`${f.label.ru} (id)`);
  }
}

/** What the server answers for a field. */
function outputOf(f: FieldSpec): z.ZodType {
  const base = (() => {
    switch (f.type.kind) {
      case "int":
      case "year":
        return z.number().int();
      case "bool":
        return z.boolean();
      case "enum":
        return z.enum(f.type.values as [string, ...string[]]);
      default:
        return z.string();
    }
  })();
  return base.nullable().describe(f.label.ru);
}

const cache = new Map<string, { create: z.ZodType; update: z.ZodType; row: z.ZodType }>();

export function resourceSchemas(spec: ResourceSpec) {
  let s = cache.get(spec.name);
  if (s) return s;
  const inputs: Record<string, z.ZodType> = {};
  const outputs: Record<string, z.ZodType> = {
    id: Uuid,
    municipalityId: Uuid,
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  };
  for (const c of scopeColumns(spec)) outputs[c] = Uuid;
  for (const f of spec.fields) {
    inputs[f.name] = inputOf(f).optional();
    outputs[f.name] = outputOf(f);
  }
  if (spec.parent) {
    outputs[spec.parent.field] = Uuid;
  }
  const createShape: Record<string, z.ZodType> = { ...inputs };
  if (spec.parent) createShape[spec.parent.field] = Uuid.describe(`id: ${spec.parent.resource}`);
  s = {
    create: z.object(createShape).strict(),
    update: z.object({ version: z.number().int().describe("версия, прочитанная клиентом"), ...inputs }).strict(),
    row: z.object(outputs).passthrough(),
  };
  cache.set(spec.name, s);
  return s;
}
