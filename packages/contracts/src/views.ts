/** Whole trees for the pages, the municipality, users and the audit log. */
import { z } from "zod";
import { RESOURCES, ROLES, camel, type ResourceSpec } from "@orientir/domain";
import { DateOrDateTime, RequiredText, Uuid, Version, resourceSchemas, schemaName } from "./common.ts";

/** A finding of the decree's checks shown beside the data (domain `Issue`). */
export const Issue = z
  .object({
    path: z.string(),
    message: z.string(),
    messageEn: z.string(),
    severity: z.enum(["error", "warning"]),
    rule: z.string().optional(),
  })
  .meta({ id: "Issue" });
export type Issue = z.infer<typeof Issue>;

/** The key of a resource's children in a tree: its path in camelCase (`structural-elements` → `structuralElements`). */
export function childKey(spec: ResourceSpec): string {
  return camel(spec.path.replace(/-/g, "_"));
}

const nodes = new Map<string, z.ZodType>();

/** A row's fields and its children under `childKey`, each child a `treeNode`. */
function nodeShape(spec: ResourceSpec): Record<string, z.ZodType> {
  const children: Record<string, z.ZodType> = {};
  for (const child of RESOURCES.filter((r) => r.parent?.resource === spec.name)) {
    const list = z.array(treeNode(child));
    // the monthly plans are read on demand (ProgramTreeQuery.months): absent when not asked for
    children[childKey(child)] = child.name === "metricMonth" ? list.optional() : list;
  }
  return { ...resourceSchemas(spec).row.shape, ...children };
}

/**
 * A row of a resource with its children nested under `childKey` (recursively): `DirectionNode`,
 * `StructuralElementNode`… Made from `RESOURCES`, as the tree is loaded (app `loadTree`).
 */
export function treeNode(spec: ResourceSpec): z.ZodType {
  let node = nodes.get(spec.name);
  if (!node) {
    node = z
      .object(nodeShape(spec))
      .passthrough()
      .meta({ id: `${schemaName(spec.name)}Node` });
    nodes.set(spec.name, node);
  }
  return node;
}

const root = (name: string) => {
  const spec = RESOURCES.find((r) => r.name === name);
  if (!spec) throw new Error(`unknown resource ${name}`);
  return nodeShape(spec);
};

/** A program with everything below it, and the decree's warnings (checkpoint distribution). */
export const ProgramTree = z
  .object({ ...root("program"), warnings: z.array(Issue) })
  .passthrough()
  .meta({ id: "ProgramTree" });
export type ProgramTree = z.infer<typeof ProgramTree>;
/** A strategy with its stages, SWOT, priorities → goals → tasks → activities, risks, indicators. */
export const StrategyTree = z.object(root("strategy")).passthrough().meta({ id: "StrategyTree" });
export type StrategyTree = z.infer<typeof StrategyTree>;
/** An action plan with its activities, funding, indicators and priority projects. */
export const PlanTree = z.object(root("actionPlan")).passthrough().meta({ id: "PlanTree" });
export type PlanTree = z.infer<typeof PlanTree>;

export const ProgramTreeQuery = z
  .object({
    inForce: z
      .enum(["0", "1"])
      .optional()
      .describe("1: плановые значения действующей редакции, пока открыт проект изменений (для мониторинга)"),
    months: z
      .string()
      .regex(/^(all|none|\d{4})$/)
      .optional()
      .describe(
        "Помесячные планы показателей (metricMonths): all — все (по умолчанию), none — без них (ключа нет), ГГГГ — только этого года",
      ),
  })
  .strict()
  .meta({ id: "ProgramTreeQuery" });
export type ProgramTreeQuery = z.infer<typeof ProgramTreeQuery>;

export const Municipality = z
  .object({
    id: Uuid,
    name: z.string(),
    country: z.string(),
    currency: z.string(),
    timezone: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Municipality" });
export type Municipality = z.infer<typeof Municipality>;
export const MunicipalityList = z.object({ items: z.array(Municipality) }).meta({ id: "MunicipalityList" });
export type MunicipalityList = z.infer<typeof MunicipalityList>;
export const MunicipalityPatch = z
  .object({
    version: Version,
    name: z.string().max(300).optional(),
    country: z.string().optional(),
    currency: z.string().optional(),
    timezone: z.string().optional(),
  })
  .strict()
  .meta({ id: "MunicipalityPatch" });
export type MunicipalityPatch = z.infer<typeof MunicipalityPatch>;

/** A member of the municipality: the account and its role here. */
export const UserRow = z
  .object({
    id: Uuid,
    login: z.string(),
    fullName: z.string(),
    isActive: z.boolean(),
    version: z.number().int(),
    membershipId: Uuid,
    membershipVersion: z.number().int(),
    role: z.enum(ROLES),
    departmentId: Uuid.nullable(),
    /** The account also belongs to another municipality (or is a deployment administrator's): only a deployment administrator changes it. */
    shared: z.boolean(),
    deploymentAdmin: z.boolean(),
    totpEnabled: z.boolean(),
  })
  .meta({ id: "User" });
export type UserRow = z.infer<typeof UserRow>;
export const UserList = z.object({ items: z.array(UserRow) }).meta({ id: "UserList" });
export type UserList = z.infer<typeof UserList>;
export const UserCreate = z
  .object({
    login: z.string(),
    fullName: RequiredText(300),
    password: z.string().max(500),
    role: z.enum(ROLES),
    departmentId: Uuid.nullable().optional(),
  })
  .strict()
  .meta({ id: "UserCreate" });
export type UserCreate = z.infer<typeof UserCreate>;
export const UserPatch = z
  .object({
    version: Version,
    fullName: RequiredText(300).optional(),
    password: z.string().max(500).optional(),
    isActive: z.boolean().optional(),
    /** Turn the user's second factor off (a lost phone); they enrol again at their next sign-in or on their account page. */
    resetSecondFactor: z.literal(true).optional(),
    role: z.enum(ROLES).optional(),
    departmentId: Uuid.nullable().optional(),
  })
  .strict()
  .meta({ id: "UserPatch" });
export type UserPatch = z.infer<typeof UserPatch>;

export const AuditQuery = z
  .object({
    objectType: z.string().optional(),
    objectId: z.string().optional(),
    actor: z.string().optional().describe("логин пользователя (для сценариев; в приложении — actorId или actorKind)"),
    actorId: Uuid.optional().describe("учетная запись, которая действовала (GET /api/audit/filters)"),
    actorKind: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe("кто действовал без учетной записи: resident (любой житель), system, seed … (GET /api/audit/filters)"),
    action: z.string().max(2000).optional().describe("действие или несколько через запятую (GET /api/audit/filters)"),
    from: DateOrDateTime.optional().describe("с даты ГГГГ-ММ-ДД или момента ISO 8601"),
    to: DateOrDateTime.optional().describe("до даты или момента (не включая)"),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    beforeId: z.coerce.number().int().min(1).optional(),
  })
  .strict()
  .meta({ id: "AuditQuery" });
export type AuditQuery = z.infer<typeof AuditQuery>;

/** An entry of the audit log: who, when, what, before and after, hash-chained per municipality. */
export const AuditEntry = z
  .object({
    id: z.number(),
    municipalityId: Uuid.nullable(),
    at: z.string(),
    actorId: Uuid.nullable(),
    actorLogin: z.string().nullable(),
    /** The actor's full name (the login only where the account is gone). */
    actorName: z.string().nullable(),
    action: z.string(),
    /** The action in words, in the request's language (Accept-Language): «утвердил(а) редакцию программы». */
    actionLabel: z.string(),
    objectType: z.string(),
    objectId: z.string().nullable(),
    /** The object's kind and name: «Цель «Рост доходов»». */
    objectLabel: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    /** The changed fields with their labels and values written for people. */
    changes: z.array(
      z
        .object({ field: z.string(), label: z.string(), before: z.string().nullable(), after: z.string().nullable() })
        .meta({ id: "AuditChange" }),
    ),
    requestId: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditList = z.object({ items: z.array(AuditEntry) }).meta({ id: "AuditList" });
export type AuditList = z.infer<typeof AuditList>;

/**
 * What the audit log of the caller's municipality can be filtered by, in the request's language:
 * its actions as sentences (actions with the same sentence together) and who acted by name.
 */
export const AuditFilters = z
  .object({
    actions: z.array(
      z
        .object({
          /** The codes to send as `action` (joined by commas). */
          actions: z.array(z.string()),
          /** «утвердил(а) редакцию программы». */
          label: z.string(),
        })
        .meta({ id: "AuditActionOption" }),
    ),
    actors: z.array(
      z
        .object({
          /** A member of the municipality (or an account that acted here): send as `actorId`. */
          actorId: Uuid.nullable(),
          /** Who acted without an account: send as `actorKind`. */
          actorKind: z.string().nullable(),
          /** The person's full name, or «система», «житель (портал)» … */
          label: z.string(),
        })
        .meta({ id: "AuditActorOption" }),
    ),
  })
  .meta({ id: "AuditFilters" });
export type AuditFilters = z.infer<typeof AuditFilters>;
