import type { AuditEntry } from "@orientir/db";
import type { Actor } from "@orientir/domain";

/** The entry of a state change by the caller in a municipality (as `audit` writes it). */
export function auditEntry(
  caller: { actor: Actor | null; requestId: string | null },
  municipalityId: string | null,
  e: { action: string; objectType: string; objectId: string | null; before?: unknown; after?: unknown; login?: string },
): AuditEntry {
  return {
    municipalityId,
    actorId: caller.actor?.userId ?? null,
    actorLogin: caller.actor?.login ?? e.login ?? null,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: caller.requestId,
  };
}
