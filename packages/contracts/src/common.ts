/**
 * Schemas shared by the API's contracts: ids, versions, texts, dates, rows made from the resource specs, errors.
 * Every text of every request is also checked for control characters before its schema
 * (input-guard.ts); a required text must show something (not only spaces or zero-width
 * characters); a date is a real calendar date; an integer fits its PostgreSQL column.
 */
import { z } from "zod";
import type { FieldSpec, ResourceSpec } from "@orientir/domain";
import {
  DECIMAL_MAX_FRACTION_DIGITS,
  PROGRAM_STATUSES,
  DECIMAL_MAX_INTEGER_DIGITS,
  YEAR_MAX,
  YEAR_MIN,
  isBlankText,
  isIsoDate,
  scopeColumns,
} from "@orientir/domain";

export const Uuid = z.string().uuid();
export const IdParams = z.object({ id: Uuid }).meta({ id: "IdParams" });
export type IdParams = z.infer<typeof IdParams>;

/** The largest value of a PostgreSQL `integer` (versions, counts). */
export const INT4_MAX = 2_147_483_647;

/** The version of a row the client read (optimistic concurrency), in a JSON body. */
export const Version = z.number().int().min(0).max(INT4_MAX);
/** The same in a query string (`?version=3`). */
export const VersionQuery = z.coerce.number().int().min(0).max(INT4_MAX);

/** A text of at most `max` characters. */
export const Text = (max: number) => z.string().max(max);

/** A text that must show something: not empty, not only spaces or invisible characters. */
export const RequiredText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !isBlankText(s), { message: "Обязательное поле: пусто или только невидимые символы" });

/** A calendar date "YYYY-MM-DD" that exists (no 30 February), years 1900–2200. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "дата ГГГГ-ММ-ДД")
  .refine((s) => isIsoDate(s) && Number(s.slice(0, 4)) >= YEAR_MIN && Number(s.slice(0, 4)) <= YEAR_MAX, {
    message: `нет такой даты (ГГГГ-ММ-ДД, годы ${YEAR_MIN}–${YEAR_MAX})`,
  });

/** A date "YYYY-MM-DD" or a moment in ISO 8601 with its offset ("2025-03-01T10:00:00Z"). */
export const DateOrDateTime = z.union([IsoDate, z.iso.datetime({ offset: true })], {
  error: "дата ГГГГ-ММ-ДД или дата и время ISO 8601 (2025-03-31T10:00:00+03:00)",
});

/** A non-negative decimal string of at most the digits a stored value holds. */
export const DecimalString = z
  .string()
  .regex(
    new RegExp(`^\\d{1,${DECIMAL_MAX_INTEGER_DIGITS}}(\\.\\d{1,${DECIMAL_MAX_FRACTION_DIGITS}})?$`),
    "неотрицательное десятичное число",
  );

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z
        .array(z.object({ path: z.string(), message: z.string(), messageEn: z.string().optional(), rule: z.string().optional() }))
        .optional(),
      rule: z.string().optional(),
      current: z.unknown().optional(),
      maybeSaved: z.boolean().optional(),
    }),
  })
  .meta({ id: "Error" });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A year in a query string (`?year=2025`), 1900–2200. */
export const YearQuery = z.coerce.number().int().min(YEAR_MIN).max(YEAR_MAX);

/** The name of a resource's schemas in the OpenAPI document: `structuralElement` → `StructuralElement`. */
export const schemaName = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

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
      return z
        .string()
        .nullable()
        .describe(`${f.label.ru}: ${f.type.values.join(", ")}`);
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

/**
 * The schemas of one resource of `RESOURCES`, made from its spec: the row the server answers
 * (named after the resource: `Program`, `StructuralElement`), and the bodies of create and update.
 * Their fields are known only when the spec is read, so their TypeScript types are records.
 */
export function resourceSchemas(spec: ResourceSpec): ResourceSchemas {
  let s = cache.get(spec.name);
  if (!s) {
    s = buildResourceSchemas(spec);
    cache.set(spec.name, s);
  }
  return s;
}

export type ResourceSchemas = ReturnType<typeof buildResourceSchemas>;
const cache = new Map<string, ResourceSchemas>();

function buildResourceSchemas(spec: ResourceSpec) {
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
  // a program's coarse status (PROGRAM_STATUSES) is kept by its workflow, not written through the resource
  if (spec.name === "program") outputs.status = z.enum(PROGRAM_STATUSES).optional().describe("состояние программы");
  if (spec.parent) {
    outputs[spec.parent.field] = Uuid;
  }
  const createShape: Record<string, z.ZodType> = { ...inputs };
  if (spec.parent) createShape[spec.parent.field] = Uuid.describe(`id: ${spec.parent.resource}`);
  const name = schemaName(spec.name);
  return {
    create: z
      .object(createShape)
      .strict()
      .meta({ id: `${name}Create` }),
    update: z
      .object({ version: Version.describe("версия, прочитанная клиентом"), ...inputs })
      .strict()
      .meta({ id: `${name}Update` }),
    row: z
      .object({ id: Uuid, version: z.number().int(), ...outputs })
      .passthrough()
      .meta({ id: name }),
  };
}
