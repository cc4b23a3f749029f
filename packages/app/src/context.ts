import type { Db } from "@orientir/db";
import type { Actor } from "@orientir/domain";
import type { RankInput, rankPrograms } from "./evaluation.ts";
import { oidcConfigFromEnv, type OidcConfig } from "./portal/oidc.ts";

/** What every use case runs with: the database and the clock (tests may fix it). */
export interface AppContext {
  db: Db;
  now(): Date;
  config: AppConfig;
  /**
   * CPU-heavy computations run off the event loop (issue 16, part 5): the server gives a pool of
   * worker threads; without one (a command of the CLI) they run in the calling thread.
   */
  offload?: Offload;
}

/** The computations a worker pool runs for the use cases (the same pure functions, elsewhere). */
export interface Offload {
  rank(input: RankInput): Promise<ReturnType<typeof rankPrograms>>;
}

export interface AppConfig {
  /** Idle lifetime of a session: it ends after this many hours without a request. */
  sessionTtlHours: number;
  /** Absolute lifetime of a session: it ends this many hours after sign-in, however active. */
  sessionMaxHours: number;
  /** Failed logins of one account in a row (within the window) before it is locked for a while. */
  loginMaxFailures: number;
  /** Failed logins from one address before that address (only) is throttled. */
  loginMaxFailuresPerIp: number;
  /** Failures older than this are forgotten. */
  loginWindowSeconds: number;
  /** The first lock; each further failure while over the limit doubles it, up to loginMaxLockSeconds. */
  loginBaseLockSeconds: number;
  loginMaxLockSeconds: number;
  /** Administrators (of a municipality or of the deployment) must use a second factor (TOTP). */
  requireTotpForAdmins: boolean;
  /** The steps of approval are also mailed (through the outbox) to those they notify: on when SMTP_URL is set. */
  emailNotifications: boolean;
  /**
   * Sessions looked up are kept in the process for up to 30 s, forgotten at once when the database
   * tells of a change (LISTEN/NOTIFY); false (ORIENTIR_SESSION_CACHE=0): every request looks its session up.
   */
  sessionCache?: boolean;
  /**
   * The key that signs the portal's unsubscribe links (ORIENTIR_PORTAL_SECRET, 32+ characters);
   * unset: a random key the migration stored in the database, the same for every process.
   */
  portalSecret?: string;
  /** The residents' identity provider (OpenID Connect, ORIENTIR_OIDC_*); none: the portal offers sign-in by code only. */
  oidc?: OidcConfig | null;
}

export const DEFAULT_CONFIG: AppConfig = {
  sessionTtlHours: 4,
  sessionMaxHours: 12,
  loginMaxFailures: 5,
  loginMaxFailuresPerIp: 30,
  loginWindowSeconds: 15 * 60,
  loginBaseLockSeconds: 30,
  loginMaxLockSeconds: 15 * 60,
  requireTotpForAdmins: false,
  emailNotifications: false,
};

/**
 * The settings a deployment gives by environment variables: ORIENTIR_SESSION_IDLE_HOURS,
 * ORIENTIR_SESSION_MAX_HOURS, ORIENTIR_REQUIRE_2FA_ADMINS=1. A value that is not a positive
 * number is refused, so a typo does not silently keep the default.
 */
export function configFromEnv(env: Record<string, string | undefined>): Partial<AppConfig> {
  const out: Partial<AppConfig> = {};
  const hours = (name: string): number | undefined => {
    const v = env[name];
    if (v === undefined || v === "") return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: a positive number of hours, not «${v}»`);
    return n;
  };
  const idle = hours("ORIENTIR_SESSION_IDLE_HOURS");
  const max = hours("ORIENTIR_SESSION_MAX_HOURS");
  if (idle !== undefined) out.sessionTtlHours = idle;
  if (max !== undefined) out.sessionMaxHours = max;
  if (env.ORIENTIR_REQUIRE_2FA_ADMINS === "1") out.requireTotpForAdmins = true;
  if (env.ORIENTIR_SESSION_CACHE === "0") out.sessionCache = false;
  if (env.SMTP_URL) out.emailNotifications = true;
  const portalSecret = env.ORIENTIR_PORTAL_SECRET?.trim();
  if (portalSecret) {
    if (portalSecret.length < 32) throw new Error("ORIENTIR_PORTAL_SECRET: at least 32 characters");
    out.portalSecret = portalSecret;
  }
  const oidc = oidcConfigFromEnv(env);
  if (oidc) out.oidc = oidc;
  return out;
}

/** Who asks, and about which request (for the audit log). */
export interface Caller {
  actor: Actor;
  requestId: string | null;
  /** The caller's own session (kept when they change their own password); absent outside HTTP. */
  sessionId?: string | null;
}

export function createContext(db: Db, config: Partial<AppConfig> = {}): AppContext {
  return { db, now: () => new Date(), config: { ...DEFAULT_CONFIG, ...config } };
}

/** Today as a plain date in the municipality's time zone (Moscow by default). */
export function todayIn(ctx: AppContext, timeZone = "Europe/Moscow"): string {
  // a formatter per time zone, made once: making one costs more than the rest of a PATCH's own work (issue 16)
  let f = DAY_FORMATS.get(timeZone);
  if (!f)
    DAY_FORMATS.set(
      timeZone,
      (f = {
        format: new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }),
        minute: NaN,
        day: "",
      }),
    );
  // the day is formatted once per minute of the clock (a zone's day begins on a whole minute):
  // formatting was 1–2 % of a PATCH's CPU (issue 16, part 7)
  const now = ctx.now().getTime();
  const minute = Math.floor(now / 60_000);
  if (minute !== f.minute) {
    f.day = f.format.format(now);
    f.minute = minute;
  }
  return f.day;
}
const DAY_FORMATS = new Map<string, { format: Intl.DateTimeFormat; minute: number; day: string }>();
