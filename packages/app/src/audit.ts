import { appendAudit, type Queryable } from "@orientir/db";
import type { Actor } from "@orientir/domain";

/** Records a state change in the caller's transaction. */
export async function audit(
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
    /** Who, where there is no actor (the system, a failed login). */
    login?: string;
  },
): Promise<void> {
  const actor = caller.actor;
  await appendAudit(q, {
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
