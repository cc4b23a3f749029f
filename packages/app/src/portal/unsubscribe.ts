/**
 * Signed unsubscribe tokens (issue 14, part 8). A token names one follow — the resident, the
 * object followed and the moment the follow began (so a later follow of the same object gets a new
 * token) — and carries its HMAC-SHA256 under the server's key: `ORIENTIR_PORTAL_SECRET`, or else
 * the random key the migration stored in `portal_secret` (the same for every server process). No
 * session is needed; a token changed in any character is refused before the database is asked.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { portalSecret, type Db } from "@orientir/db";
import type { AppContext } from "../context.ts";

const TYPES = { publication: "p", proposal: "r", vote: "v" } as const;
const TYPE_OF: Record<string, keyof typeof TYPES> = { p: "publication", r: "proposal", v: "vote" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface FollowRef {
  residentId: string;
  objectType: string;
  objectId: string;
  createdMs: number;
}

const dbKeys = new WeakMap<Db, Promise<string>>();

async function keyOf(ctx: AppContext): Promise<string> {
  if (ctx.config.portalSecret) return ctx.config.portalSecret;
  let k = dbKeys.get(ctx.db);
  if (!k) {
    k = portalSecret(ctx.db, "unsubscribe").then((v) => {
      if (!v) throw new Error("portal_secret 'unsubscribe' is missing (migration 20261203130300_portal_oidc)");
      return v;
    });
    k.catch(() => dbKeys.delete(ctx.db));
    dbKeys.set(ctx.db, k);
  }
  return k;
}

function mac(key: string, body: string): string {
  return createHmac("sha256", key).update(`orientir-unsubscribe\n${body}`).digest("base64url");
}

/** The signed token of a follow. */
export async function signUnsubscribe(ctx: AppContext, f: FollowRef): Promise<string> {
  const t = TYPES[f.objectType as keyof typeof TYPES];
  if (!t) throw new Error(`not followable: ${f.objectType}`);
  const body = `${f.residentId}.${t}.${f.objectId}.${f.createdMs}`;
  return `${body}.${mac(await keyOf(ctx), body)}`;
}

/** The follow a token names when its signature is right; null for anything forged or changed. */
export async function verifyUnsubscribe(ctx: AppContext, token: string): Promise<FollowRef | null> {
  if (typeof token !== "string" || token.length > 200) return null;
  const parts = token.split(".");
  if (parts.length !== 5) return null;
  const [residentId, t, objectId, ms, sig] = parts as [string, string, string, string, string];
  if (!UUID.test(residentId) || !UUID.test(objectId) || !TYPE_OF[t] || !/^\d{1,15}$/.test(ms)) return null;
  const want = Buffer.from(mac(await keyOf(ctx), `${residentId}.${t}.${objectId}.${ms}`));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  return { residentId, objectType: TYPE_OF[t], objectId, createdMs: Number(ms) };
}
