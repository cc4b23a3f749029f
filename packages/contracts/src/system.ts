/** The health check and the description of the resources. */
import { z } from "zod";
import { ROLES } from "@orientir/domain";

export const Health = z
  .union([
    z.object({ status: z.literal("ok"), database: z.literal("ok"), migrations: z.number().int(), time: z.string() }),
    z.object({ status: z.literal("unavailable"), database: z.literal("unavailable"), message: z.string(), time: z.string() }),
  ])
  .meta({ id: "Health" });
export type Health = z.infer<typeof Health>;

export const RoleLabel = z.object({ id: z.enum(ROLES), ru: z.string(), en: z.string() }).meta({ id: "RoleLabel" });
export type RoleLabel = z.infer<typeof RoleLabel>;

export const Label = z.object({ ru: z.string(), en: z.string() }).meta({ id: "Label" });
export type Label = z.infer<typeof Label>;

/** The type of a field (domain `FieldType`). */
export const FieldType = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("text"), max: z.number().int().optional(), multiline: z.boolean().optional() }),
    z.object({ kind: z.literal("int"), min: z.number().int().optional(), max: z.number().int().optional() }),
    z.object({ kind: z.literal("year") }),
    z.object({ kind: z.literal("decimal") }),
    z.object({ kind: z.literal("money") }),
    z.object({ kind: z.literal("date") }),
    z.object({ kind: z.literal("bool") }),
    z.object({ kind: z.literal("enum"), values: z.array(z.string()).readonly(), labels: z.record(z.string(), Label).optional() }),
    z.object({ kind: z.literal("ref"), resource: z.string() }),
  ])
  .meta({ id: "FieldType" });
export type FieldType = z.infer<typeof FieldType>;

/** A field of a resource: its name in JSON, type, whether required, label. */
export const FieldSpec = z.object({ name: z.string(), type: FieldType, required: z.boolean(), label: Label }).meta({ id: "FieldSpec" });
export type FieldSpec = z.infer<typeof FieldSpec>;

/** A stored entity (domain `ResourceSpec`): its path under /api, parent, scope, fields. */
export const ResourceSpec = z
  .object({
    name: z.string(),
    path: z.string(),
    table: z.string(),
    label: Label,
    scope: z.enum(["municipality", "strategy", "plan", "program"]),
    parent: z.object({ field: z.string(), resource: z.string() }).optional(),
    unique: z.array(z.array(z.string())).optional(),
    fields: z.array(FieldSpec),
  })
  .meta({ id: "ResourceSpec" });
export type ResourceSpec = z.infer<typeof ResourceSpec>;

/** The description of every resource (domain `RESOURCES`) and the roles, for the forms and tables of the web app. */
export const ResourcesMeta = z.object({ resources: z.array(ResourceSpec), roles: z.array(RoleLabel) }).meta({ id: "ResourcesMeta" });
export type ResourcesMeta = z.infer<typeof ResourcesMeta>;
