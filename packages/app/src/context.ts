import type { Db } from "@orientir/db";
import type { Actor } from "@orientir/domain";

/** What every use case runs with: the database and the clock (tests may fix it). */
export interface AppContext {
  db: Db;
  now(): Date;
  config: AppConfig;
}

export interface AppConfig {
  sessionTtlHours: number;
  /** Failed logins of one account within the window before it is throttled. */
  loginMaxFailures: number;
  loginMaxFailuresPerIp: number;
  loginWindowSeconds: number;
}

export const DEFAULT_CONFIG: AppConfig = {
  sessionTtlHours: 12,
  loginMaxFailures: 5,
  loginMaxFailuresPerIp: 30,
  loginWindowSeconds: 15 * 60,
};

/** Who asks, and about which request (for the audit log). */
export interface Caller {
  actor: Actor;
  requestId: string | null;
}

export function createContext(db: Db, config: Partial<AppConfig> = {}): AppContext {
  return { db, now: () => new Date(), config: { ...DEFAULT_CONFIG, ...config } };
}

/** Today as a plain date in the municipality's time zone (Moscow by default). */
export function todayIn(ctx: AppContext, timeZone = "Europe/Moscow"): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ctx.now());
}
