/**
 * The sessions this process has looked up, kept for a short while (issue 16, part 2): a signed-in
 * request then sends no statement to find its session. What a look-up reads (the session, its
 * user, the memberships and their municipalities' names) is told to change on the database's
 * channel (`AUTH_CHANNEL`, migration 20261203193000_auth_notify): by NOTIFY from any process, and
 * by this process at once after its own COMMIT (`announce`). Kept only while that channel is
 * listened to; a look-up read while a change was being told is not kept; and an entry lives at
 * most `KEEP_MS`, until its session's expiry.
 */
import { AUTH_CHANNEL, findLiveSession, type Db, type LiveSession } from "@orientir/db";

/** The longest an entry is kept, whatever is told. */
export const KEEP_MS = 30_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  live: LiveSession;
  /** Date.now() after which the entry is read again */
  until: number;
  /** Date.now() at which the session's row is due to be written (last seen, idle expiry) */
  refreshAt: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every change told: a look-up that began before it is not kept. */
  private epoch = 0;
  private subscribed = false;

  constructor(private readonly db: Db) {}

  /** Starts listening (the first look-up does it too); settles when the channel is listened to or could not be. */
  start(): Promise<boolean> {
    if (!this.subscribed) {
      this.subscribed = true;
      this.db.notices.subscribe(AUTH_CHANNEL, (payload) => this.told(payload));
    }
    return this.db.notices.ready();
  }

  /**
   * The live session (null: none, ended or expired), from memory when kept; `refreshDue` tells
   * the caller to write the session's row (at most once a minute per session and process).
   */
  async find(sessionId: string): Promise<LiveSession | null> {
    if (!this.subscribed) void this.start();
    const now = Date.now();
    const kept = this.entries.get(sessionId);
    if (kept && now < kept.until && this.db.notices.live) {
      const refreshDue = now >= kept.refreshAt;
      if (refreshDue) kept.refreshAt = now + 60_000;
      return { ...kept.live, refreshDue };
    }
    if (kept) this.entries.delete(sessionId);
    const epoch = this.epoch;
    const live = await findLiveSession(this.db, sessionId);
    if (live && this.db.notices.live && epoch === this.epoch) this.keep(sessionId, live, now);
    return live;
  }

  private keep(sessionId: string, live: LiveSession, now: number): void {
    const expiry = Math.min(Date.parse(live.session.expiresAt), Date.parse(live.session.absoluteExpiresAt));
    if (this.entries.size >= MAX_ENTRIES) {
      // the oldest kept goes first (a Map iterates in insertion order)
      const first = this.entries.keys().next();
      if (!first.done) this.entries.delete(first.value);
    }
    this.entries.set(sessionId, {
      live: { ...live, refreshDue: false },
      until: Math.min(now + KEEP_MS, expiry),
      // the look-up that found it due refreshes it now (the caller); the next refresh a minute later
      refreshAt: now + (live.refreshDue ? 60_000 : live.refreshInSeconds * 1000),
    });
  }

  private told(payload: string | null): void {
    this.epoch++;
    if (payload === null || payload === "*" || payload === "") return this.entries.clear();
    if (payload.startsWith("s:")) {
      this.entries.delete(payload.slice(2));
      return;
    }
    const userId = payload.startsWith("u:") ? payload.slice(2) : payload;
    for (const [id, e] of this.entries) if (e.live.user.id === userId) this.entries.delete(id);
  }
}

const caches = new WeakMap<Db, SessionCache>();

/** The process's cache of sessions looked up in this database. */
export function sessionCacheOf(db: Db): SessionCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new SessionCache(db)));
  return c;
}
