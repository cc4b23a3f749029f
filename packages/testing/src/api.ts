/** An Orientir server on a fresh test database, driven in-process (no network), with signed-in clients. */
import type { FastifyInstance, InjectOptions } from "fastify";
import { Db } from "@orientir/db";
import { createContext, seedMunicipalities, type AppContext } from "@orientir/app";
import { buildServer } from "@orientir/server";
import { createTestDatabase } from "./database.ts";
import { FIXTURE_PASSWORD, FIXTURE_USERS, MUNICIPALITY_A, MUNICIPALITY_B } from "./fixture.ts";

export interface Response {
  status: number;
  /** The parsed JSON (or the text when it is not JSON): tests read into it freely, as the lint rules allow in tests. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- every test in every package reads fields of it without declaring a type
  body: any;
  headers: Record<string, unknown>;
}

export class Client {
  cookie = "";
  csrf = "";
  /** The client's address as the server sees it (default: Fastify's inject default, 127.0.0.1). */
  ip: string | undefined;
  constructor(readonly server: FastifyInstance) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== "GET") h["x-csrf-token"] ??= this.csrf;
    const res = await this.server.inject({
      method,
      url,
      payload: body as InjectOptions["payload"],
      headers: h,
      ...(this.ip ? { remoteAddress: this.ip } : {}),
    });
    const set = res.headers["set-cookie"];
    if (set) {
      const first = Array.isArray(set) ? set[0]! : String(set);
      this.cookie = first.split(";")[0]!;
    }
    let parsed: unknown = res.body;
    try {
      parsed = res.body ? JSON.parse(res.body) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body: parsed, headers: res.headers };
  }
  get(url: string) {
    return this.request("GET", url);
  }
  post(url: string, body?: unknown) {
    return this.request("POST", url, body ?? {});
  }
  patch(url: string, body: unknown) {
    return this.request("PATCH", url, body);
  }
  delete(url: string) {
    return this.request("DELETE", url);
  }

  async login(login: string, password = FIXTURE_PASSWORD): Promise<Response> {
    const r = await this.post("/api/auth/login", { login, password });
    if (r.status === 200) this.csrf = (r.body as { csrfToken: string }).csrfToken;
    return r;
  }
}

export interface TestApp {
  ctx: AppContext;
  /** The test database as the owner of the tables (ctx.db connects as the application's role). */
  ownerUrl: string;
  server: FastifyInstance;
  client(): Client;
  as(login: string): Promise<Client>;
  close(): Promise<void>;
}

export async function createTestApp(opts: { seed?: boolean; webDist?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const db = new Db(database.url, { max: 5 });
  const ctx = createContext(db);
  if (opts.seed !== false) await seedMunicipalities(ctx, [MUNICIPALITY_A, MUNICIPALITY_B], FIXTURE_USERS, FIXTURE_PASSWORD);
  const server = await buildServer(ctx, opts.webDist ? { webDist: opts.webDist } : {});
  return {
    ctx,
    ownerUrl: database.ownerUrl,
    server,
    client: () => new Client(server),
    async as(login: string) {
      const c = new Client(server);
      const r = await c.login(login);
      if (r.status !== 200) throw new Error(`login ${login} failed: ${JSON.stringify(r.body)}`);
      return c;
    },
    async close() {
      await server.close();
      await db.close();
      await database.drop();
    },
  };
}
