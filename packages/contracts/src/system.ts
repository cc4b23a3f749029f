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

/** The description of every resource (domain `RESOURCES`) and the roles, for the forms and tables of the web app. */
export const ResourcesMeta = z.object({ resources: z.array(z.unknown()), roles: z.array(RoleLabel) }).meta({ id: "ResourcesMeta" });
export type ResourcesMeta = z.infer<typeof ResourcesMeta>;
