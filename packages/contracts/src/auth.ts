/** Sign-in, the session, the second factor. */
import { z } from "zod";
import { ROLES } from "@orientir/domain";
import { Uuid } from "./common.ts";

export const Membership = z
  .object({ municipalityId: Uuid, municipalityName: z.string(), role: z.enum(ROLES), departmentId: Uuid.nullable() })
  .meta({ id: "Membership" });
export type Membership = z.infer<typeof Membership>;

/** The signed-in user, their roles and the CSRF token. */
export const Me = z
  .object({
    user: z.object({ id: Uuid, login: z.string(), fullName: z.string() }),
    csrfToken: z.string(),
    municipalityId: Uuid.nullable(),
    role: z.enum(ROLES).nullable(),
    departmentId: Uuid.nullable(),
    memberships: z.array(Membership),
    deploymentAdmin: z.boolean(),
    totp: z.object({ enabled: z.boolean(), required: z.boolean() }),
    /** Only right after enrolling the second factor at sign-in: shown once. */
    recoveryCodes: z.array(z.string()).optional(),
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof Me>;

export const SecondFactorNeeded = z
  .object({
    secondFactor: z.enum(["totp", "enrol"]),
    pendingToken: z.string(),
    expiresInSeconds: z.number().int(),
  })
  .meta({ id: "SecondFactorNeeded" });
export type SecondFactorNeeded = z.infer<typeof SecondFactorNeeded>;

export const LoginBody = z.object({ login: z.string().max(200), password: z.string().max(500) }).meta({ id: "LoginBody" });
export type LoginBody = z.infer<typeof LoginBody>;
export const LoginResult = z.union([Me, SecondFactorNeeded]).meta({ id: "LoginResult" });
export type LoginResult = z.infer<typeof LoginResult>;

export const TotpLoginBody = z
  .object({ pendingToken: z.string().max(200), code: z.string().max(40) })
  .strict()
  .meta({ id: "TotpLoginBody" });
export type TotpLoginBody = z.infer<typeof TotpLoginBody>;
export const TotpSetupBody = z
  .object({ pendingToken: z.string().max(200).optional() })
  .strict()
  .meta({ id: "TotpSetupBody" });
export type TotpSetupBody = z.infer<typeof TotpSetupBody>;
export const TotpSecret = z.object({ secret: z.string(), uri: z.string() }).meta({ id: "TotpSecret" });
export type TotpSecret = z.infer<typeof TotpSecret>;
export const TotpConfirmBody = z
  .object({ code: z.string().max(40) })
  .strict()
  .meta({ id: "TotpConfirmBody" });
export type TotpConfirmBody = z.infer<typeof TotpConfirmBody>;
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) }).meta({ id: "RecoveryCodes" });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;
export const TotpStatus = z
  .object({ enabled: z.boolean(), required: z.boolean(), recoveryCodesLeft: z.number().int() })
  .meta({ id: "TotpStatus" });
export type TotpStatus = z.infer<typeof TotpStatus>;
export const TotpDisableBody = z
  .object({ password: z.string().max(500) })
  .strict()
  .meta({ id: "TotpDisableBody" });
export type TotpDisableBody = z.infer<typeof TotpDisableBody>;
export const PasswordChangeBody = z
  .object({ currentPassword: z.string().max(500), newPassword: z.string().max(500) })
  .strict()
  .meta({ id: "PasswordChangeBody" });
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;
export const SwitchMunicipalityBody = z.object({ municipalityId: Uuid }).meta({ id: "SwitchMunicipalityBody" });
export type SwitchMunicipalityBody = z.infer<typeof SwitchMunicipalityBody>;
