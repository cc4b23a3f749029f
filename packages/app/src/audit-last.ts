import { appendAuditAndCommit, type Queryable } from "@orientir/db";
import type { Actor } from "@orientir/domain";

/**
 * Records a state change as the transaction's last statement, with its COMMIT in the same round
 * trip (`appendAuditAndCommit`): the audit chain's lock is held only while PostgreSQL appends the
 * entry. Call it last in the use case's transaction; nothing may be written after it.
 */
export async function auditAndCommit(
  q: Queryable,
  caller: { actor: Actor | null; requestId: string | null },
  e: {
    action: string;
    objectType: string;
    objectId: string | null;
    before?: unknown;
    after?: unknown;
    /** Defaults to the actor's municipality. */
    municipalityId?: string | null;
    /** Who, where there is no actor (the system, the portal). */
    login?: string;
  },
): Promise<void> {
  const actor = caller.actor;
  await appendAuditAndCommit(q, {
    municipalityId: e.municipalityId !== undefined ? e.municipalityId : (actor?.municipalityId ?? null),
    actorId: actor?.userId ?? null,
    actorLogin: actor?.login ?? e.login ?? null,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: caller.requestId,
  });
}
