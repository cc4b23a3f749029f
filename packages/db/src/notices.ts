/**
 * PostgreSQL's LISTEN/NOTIFY for what a process keeps in memory (the sessions it has looked up):
 * a change committed by any process is told to every process that listens, and a change this
 * process commits is also told at once, in the process, after its COMMIT (`announce`), so that
 * its next request never sees the old state. While the listening connection is away, nothing can
 * be trusted: `live` is false (callers then read the database), and every subscriber is told to
 * forget everything (`null`) when it is lost and again when it is back.
 */
import pg from "pg";

export type NoticeHandler = (payload: string | null) => void;

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

export class Notices {
  private client: pg.Client | null = null;
  private readonly handlers = new Map<string, Set<NoticeHandler>>();
  private state: "idle" | "connecting" | "live" | "waiting" | "closed" = "idle";
  private retry: NodeJS.Timeout | null = null;
  private delay = 250;
  private attempt: Promise<void> | null = null;

  constructor(private readonly url: string) {}

  /** The connection listens: what subscribers keep is told of every change. */
  get live(): boolean {
    return this.state === "live";
  }

  /** Listens to a channel (connecting on the first subscription); returns the way to stop. */
  subscribe(channel: string, handler: NoticeHandler): () => void {
    if (!CHANNEL.test(channel)) throw new Error(`not a channel's name: ${channel}`);
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      // a new channel on a live connection: not live until it listens there too
      if (this.client && this.state === "live") this.relisten();
    }
    set.add(handler);
    if (this.state === "idle") this.attempt = this.connect();
    return () => set.delete(handler);
  }

  /** Settles once the first attempt to listen has ended (live or not). */
  async ready(): Promise<boolean> {
    await this.attempt;
    return this.live;
  }

  /** Tells this process's subscribers (the change this process has just committed). */
  local(channel: string, payload: string | null): void {
    for (const h of this.handlers.get(channel) ?? []) h(payload);
  }

  async close(): Promise<void> {
    this.state = "closed";
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }

  private forgetAll(): void {
    for (const channel of this.handlers.keys()) this.local(channel, null);
  }

  private relisten(): void {
    const c = this.client;
    if (!c) return;
    this.state = "connecting";
    this.attempt = this.listenAll(c).then(
      () => {
        if (this.client === c && this.state === "connecting") this.state = "live";
      },
      () => this.lost(c),
    );
  }

  private async listenAll(c: pg.Client): Promise<void> {
    for (const channel of this.handlers.keys()) await c.query(`LISTEN ${channel}`);
  }

  private async connect(): Promise<void> {
    this.state = "connecting";
    const c = new pg.Client({ connectionString: this.url, keepAlive: true });
    c.on("error", () => this.lost(c));
    c.on("end", () => this.lost(c));
    c.on("notification", (n) => this.local(n.channel, n.payload ?? ""));
    this.client = c;
    try {
      await c.connect();
      await this.listenAll(c);
    } catch {
      this.lost(c);
      return;
    }
    if (this.client !== c) return;
    this.state = "live";
    this.delay = 250;
    // whatever changed while nobody listened is unknown
    this.forgetAll();
  }

  private lost(c: pg.Client): void {
    if (this.client !== c || this.state === "closed") return;
    this.client = null;
    this.state = "waiting";
    this.forgetAll();
    void c.end().catch(() => {});
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.state === "waiting") this.attempt = this.connect();
    }, this.delay);
    this.retry.unref();
    this.delay = Math.min(this.delay * 2, 30_000);
  }
}
