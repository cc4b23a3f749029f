/**
 * Control of orders and appeals under load (issue 15, part 6): `npx tsx bench/control.ts [--seconds S]`
 * (or `npm run bench -- control`; DATABASE_URL or an embedded PostgreSQL in a temporary folder).
 *
 * One municipality with 300,000 registry documents (ten years), 60,000 appeals and 30,000 orders,
 * generated with set-based SQL. Measured:
 * 1. the registry's search (Russian full text + trigram similarity + the number) through the use
 *    case: a frequent word, a phrase, a misspelt word, a registration number — median and p95
 *    (target < 200 ms);
 * 2. with 50 concurrent users (autocannon in a worker thread), p95 latency (target < 100 ms each) of
 *    registering an appeal (POST /api/appeals, the office), the executor's "my due items" (the
 *    open orders and appeals, GET /api/orders?mine=1&open=1 and GET /api/appeals?filter=due&mine=1)
 *    and the discipline dashboard (GET /api/control/discipline) — each beside a bare Fastify route
 *    in the same run that does the same SQL work without the application (one INSERT; one SELECT
 *    of the open items; the dashboard's aggregates) and a bare route answering a constant: 50
 *    connections sending without a pause (saturation). `--user-rate R` adds a run of each where
 *    every connection asks R times a second; autocannon starts the 50 in step, so these are bursts
 *    of 50 requests at the same instant, R times a second (latency counted from when each was due).
 *    `--think-ms T` (default 1000; a list `1000,200` runs each; `0` none) adds a run of each with
 *    **50 users as a load-test tool models them** (`bench/control-users.mjs`, a worker thread of its
 *    own, 50 independent loops, each user with its own keep-alive connection): a user sends a
 *    request, waits for the whole answer, thinks a random time (exponential, mean T ms), sends the
 *    next; each starts after a random delay of the same law, so the 50 are not in step. Its line gives
 *    req/s and p50 / **p95** / p99 / max over the requests sent during `--seconds` (latency from
 *    sending to the end of the answer's body). `--saturation 0` skips the runs without a pause.
 * The machine's load average is printed with the table. `--parts search,register,due,dashboard`
 * runs only those measurements (all by default; `--search-only` is `--parts search`); `--explain`
 * prints the plans of the floor's queries and, after the registrations, of the application's own
 * statement of the due appeals' first page (counted, then with its count kept). A CPU profile of the
 * server's thread: `node --import tsx --cpu-prof --cpu-prof-dir DIR bench/control.ts --parts due`. Each run under load starts when the requests of the
 * previous one have finished (the pools idle), and the pools are closed only then.
 */
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { loadavg, cpus } from "node:os";
import { get as httpGet } from "node:http";
import { Worker } from "node:worker_threads";
import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import pg from "pg";
import { APPEAL_TOPICS } from "@orientir/domain";
import { Db, listAppeals, myControlOrdersSql } from "@orientir/db";
import { createContext, searchRegistry, seedMunicipalities, type Caller } from "@orientir/app";
import { buildServer } from "@orientir/server";
import { benchDatabase, results } from "./common.ts";

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p97_5: number; p99: number; average: number };
  non2xx: number;
  errors: number;
}
interface AutocannonOptions {
  url: string;
  workers?: number;
  connectionRate?: number;
  connections: number;
  duration: number;
  timeout?: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  requests?: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    /** the path of a CommonJS file exporting the function (autocannon's workers load it by path) */
    setupRequest?: string;
  }[];
}
const autocannon = createRequire(import.meta.url)("autocannon") as (o: AutocannonOptions) => Promise<AutocannonResult>;

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SECONDS = Number(arg("--seconds") ?? 10);
const DOCS = Number(arg("--documents") ?? 300_000);
const APPEALS = Number(arg("--appeals") ?? 60_000);
const ORDERS = Number(arg("--orders") ?? 30_000);
const CONNECTIONS = 50;
/** `--user-rate R`: also a run of each where every connection asks R times a second, the 50 in step (default 0: none). */
const USER_RATE = Number(arg("--user-rate") ?? 0);
/**
 * `--think-ms T[,T2…]`: also a run of each with 50 users, each thinking a random time of mean T ms
 * (exponential) between its answer and its next request, started staggered (`control-users.mjs`);
 * `--think-ms 0` none. Default 1000.
 */
const THINK_MS = (arg("--think-ms") ?? "1000")
  .split(",")
  .map(Number)
  .filter((x) => x > 0);
/** `--saturation 0`: skip the runs without a pause (default 1: run them). */
const SATURATION = arg("--saturation") !== "0";
const PART_NAMES = ["search", "register", "due", "dashboard"] as const;
const PARTS = new Set(
  args.includes("--search-only")
    ? ["search"]
    : (arg("--parts") ?? PART_NAMES.join(","))
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
);
for (const p of PARTS)
  if (!(PART_NAMES as readonly string[]).includes(p)) throw new Error(`--parts: unknown part ${p} (${PART_NAMES.join(", ")})`);
const PASSWORD = "bench-password-1";
const MUNI = "Город под нагрузкой";
const DEPARTMENTS = Array.from({ length: 12 }, (_, i) => `Управление ${i + 1}`);
const OFFICE = "Управление делами";
const YEARS = 10;
const LAST_YEAR = new Date().getUTCFullYear();
const FIRST_YEAR = LAST_YEAR - YEARS + 1;

/** The first page of "my due items" (the lists' default `limit`). */
const PAGE = 50;
/** The open appeals of a person or their department, the first page by term (as listAppeals reads them). */
const DUE_APPEALS_SQL = `SELECT * FROM (
     (SELECT * FROM appeal WHERE municipality_id = $1 AND state IN ('registered', 'inWork') AND assigned_user_id = $2 ORDER BY due, number LIMIT ${PAGE})
     UNION ALL
     (SELECT * FROM appeal WHERE municipality_id = $1 AND state IN ('registered', 'inWork') AND assigned_department_id = $3
        AND assigned_user_id IS DISTINCT FROM $2 ORDER BY due, number LIMIT ${PAGE})
   ) a ORDER BY due, number LIMIT ${PAGE}`;

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const { rows, print } = results(ms);
const sqlArray = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(", ")}]::text[]`;

// words of the summaries: 40 × 30 × 25 × 12 combinations, Russian, so that a word matches a part of the registry
const ACTS = [
  "О ремонте",
  "О строительстве",
  "О благоустройстве",
  "О содержании",
  "О финансировании",
  "Об обследовании",
  "О реконструкции",
  "О вывозе",
  "О согласовании",
  "О предоставлении",
  "Об устранении нарушений",
  "О проверке",
  "О закупке",
  "Об освещении",
  "О подключении",
  "О проектировании",
  "О переносе",
  "О восстановлении",
  "О замене",
  "Об озеленении",
  "О капитальном ремонте",
  "О текущем ремонте",
  "О демонтаже",
  "Об установке",
  "О компенсации",
  "Об аренде",
  "О продлении срока",
  "О выделении средств",
  "О субсидии",
  "О переселении",
  "О реорганизации",
  "О передаче имущества",
  "О межевании",
  "Об отоплении",
  "О водоснабжении",
  "О водоотведении",
  "О газификации",
  "О тарифах",
  "О подготовке к зиме",
  "О мерах безопасности",
];
const OBJECTS = [
  "дороги",
  "школы",
  "детского сада",
  "поликлиники",
  "двора",
  "сквера",
  "парка",
  "моста",
  "остановки",
  "котельной",
  "водопровода",
  "канализации",
  "кровли дома",
  "подъезда",
  "лифта",
  "спортивной площадки",
  "детской площадки",
  "тротуара",
  "ливневой канализации",
  "уличного освещения",
  "набережной",
  "кладбища",
  "рынка",
  "библиотеки",
  "дома культуры",
  "стадиона",
  "общежития",
  "теплотрассы",
  "светофора",
  "пешеходного перехода",
];
const STREETS = [
  "на улице Ленина",
  "на улице Кирова",
  "на улице Гагарина",
  "на улице Московской",
  "на улице Суворова",
  "на улице Пушкина",
  "на улице Баумана",
  "на улице Огарева",
  "на улице Болдина",
  "на улице Тульской",
  "на Грабцевском шоссе",
  "на улице Никитина",
  "на улице Маршала Жукова",
  "на улице Телевизионной",
  "на улице Чижевского",
  "на Правобережье",
  "в микрорайоне Кубяка",
  "в микрорайоне Анненки",
  "в Азарове",
  "в Резванье",
  "в Шопино",
  "в Ромоданове",
  "на Малиновой улице",
  "на Садовой улице",
  "в Турынине",
];
const SENDERS = [
  "Министерство строительства и ЖКХ Калужской области",
  "Прокуратура города",
  "Городская Дума",
  "ГИБДД",
  "МЧС",
  "Министерство образования области",
  "Роспотребнадзор",
  "Управляющая компания «Жилищник»",
  "АО «Калугаоблводоканал»",
  "ПАО «Россети»",
  "Общественная палата",
  "Контрольно-счетная палата",
];

const database = await benchDatabase("orientir-bench-control-");
const owner = new pg.Pool({ connectionString: database.handle.url, max: 10 });
owner.on("error", () => {
  /* an idle client's connection closed (the database stops at the end) */
});
const db = new Db(database.handle.appUrl, { max: 20 });
try {
  const t0 = performance.now();
  const seedCtx = createContext(db);
  await seedMunicipalities(
    seedCtx,
    [
      {
        name: MUNI,
        country: "RU",
        currency: "RUB",
        budgetSources: [{ code: "local", name: "Местный бюджет" }],
        departments: [{ name: OFFICE }, ...DEPARTMENTS.map((name) => ({ name }))],
        programs: [],
      },
    ],
    [
      { login: "office", fullName: "Сотрудник канцелярии", memberships: [{ municipality: MUNI, role: "economy", department: OFFICE }] },
      ...DEPARTMENTS.map((d, i) => ({
        login: `executor${i + 1}`,
        fullName: `Исполнитель ${i + 1}`,
        memberships: [{ municipality: MUNI, role: "executor" as const, department: d }],
      })),
    ],
    PASSWORD,
  );
  const m = (await owner.query<{ id: string }>(`SELECT id FROM municipality WHERE name = $1`, [MUNI])).rows[0]!.id;
  const office = (await owner.query<{ id: string }>(`SELECT id FROM department WHERE municipality_id = $1 AND name = $2`, [m, OFFICE]))
    .rows[0]!.id;
  await owner.query(`INSERT INTO control_setting (municipality_id, office_department_id) VALUES ($1, $2)`, [m, office]);
  const depIds = `(SELECT array_agg(d.id ORDER BY d.name) FROM department d WHERE d.municipality_id = $1 AND d.name <> '${OFFICE}')`;
  const userIds = `(SELECT array_agg(ms.user_id ORDER BY dd.name) FROM membership ms JOIN department dd ON dd.id = ms.department_id
     WHERE ms.municipality_id = $1 AND dd.name <> '${OFFICE}')`;
  const kinds = sqlArray([
    "incoming",
    "incoming",
    "incoming",
    "incoming",
    "incoming",
    "incoming",
    "outgoing",
    "outgoing",
    "internal",
    "other",
  ]);
  const prefix = `CASE kind WHEN 'incoming' THEN 'Вх' WHEN 'outgoing' THEN 'Исх' WHEN 'internal' THEN 'Вн' ELSE 'Пр' END`;
  const topics = sqlArray([...APPEAL_TOPICS.keys()]);
  const perYear = Math.ceil(DOCS / YEARS);
  const c = await owner.connect();
  try {
    await c.query("BEGIN");
    await c.query(`SET LOCAL gin_pending_list_limit = '65536'`);
    // ---- the registry: DOCS documents over ten years, numbered per kind and year
    await c.query(
      `INSERT INTO registry_document (municipality_id, kind, subtype, year, seq, reg_number, reg_date, correspondent, summary, department_id)
       SELECT $1, kind, NULL, y, seq, ${prefix} || '-' || seq || '/' || (y % 100), make_date(y, 1, 1) + (g % 365), 
         CASE WHEN kind = 'incoming' THEN (${sqlArray(SENDERS)})[1 + g % ${SENDERS.length}] END,
         (${sqlArray(ACTS)})[1 + g % ${ACTS.length}] || ' ' || (${sqlArray(OBJECTS)})[1 + (g / 7) % ${OBJECTS.length}] || ' ' ||
           (${sqlArray(STREETS)})[1 + (g / 13) % ${STREETS.length}] || ', дом ' || (1 + g % 97),
         (${depIds})[1 + g % ${DEPARTMENTS.length}]
       FROM (
         SELECT g, y, kind, row_number() OVER (PARTITION BY y, kind ORDER BY g)::int AS seq
         FROM (SELECT g, $2::int + (g - 1) / $3::int AS y, (${kinds})[1 + g % 10] AS kind FROM generate_series(1, $4::int) g) s
       ) s`,
      [m, FIRST_YEAR, perYear, DOCS],
    );
    await c.query(
      `INSERT INTO doc_counter (municipality_id, kind, year, last)
       SELECT municipality_id, kind, year, max(seq) FROM registry_document WHERE municipality_id = $1 GROUP BY 1, 2, 3`,
      [m],
    );
    // ---- APPEALS appeals over ten years, most answered; the last months' open ones due soon or overdue
    const today = new Date().toISOString().slice(0, 10);
    await c.query(
      `INSERT INTO appeal (municipality_id, number, tracking_code, channel, received_on, registered_on, collective, signatories, anonymous,
         author_name, author_address, author_name_key, author_address_key, text, topic_code, district, assigned_department_id, assigned_user_id,
         state, due, extended, answered_on, answer_text)
       SELECT $1, 'Н-' || g, 'BNCH-' || lpad(g::text, 9, '0'), (ARRAY['letter','email','portal','reception','social'])[1 + g % 5],
         received, received, g % 25 = 0, CASE WHEN g % 25 = 0 THEN 2 + g % 40 ELSE 1 END, false,
         'Житель ' || g, 'г. Калуга, ' || (${sqlArray(STREETS)})[1 + g % ${STREETS.length}], 'житель ' || g, NULL,
         'Прошу принять меры: ' || (${sqlArray(OBJECTS)})[1 + g % ${OBJECTS.length}], (${topics})[1 + (g * 7) % array_length(${topics}, 1)],
         (ARRAY['Ленинский округ','Московский округ','Октябрьский округ'])[1 + g % 3],
         (${depIds})[1 + g % ${DEPARTMENTS.length}], (${userIds})[1 + g % ${DEPARTMENTS.length}],
         CASE WHEN received > $3::date - 40 THEN 'inWork' ELSE 'answered' END,
         received + 30, g % 40 = 0,
         CASE WHEN received > $3::date - 40 THEN NULL ELSE received + 5 + g % 30 END,
         CASE WHEN received > $3::date - 40 THEN NULL ELSE 'Ответ направлен' END
       FROM (SELECT g, LEAST(make_date($2, 1, 1) + ((g::bigint * 3652) / $4)::int, $3::date) AS received FROM generate_series(1, $4::int) g) s`,
      [m, FIRST_YEAR, today, APPEALS],
    );
    // ---- ORDERS orders on control (head's orders), most done; the recent ones in work
    await c.query(
      `INSERT INTO control_order (municipality_id, number, source, text, issued_on, term_kind, due, state, responsible_department_id,
         responsible_user_id, extensions, returns, closed_on)
       SELECT $1, 'П-' || g, 'headOrder', 'Поручение: ' || (${sqlArray(ACTS)})[1 + g % ${ACTS.length}] || ' ' || (${sqlArray(OBJECTS)})[1 + g % ${OBJECTS.length}],
         issued, 'date', issued + 30,
         CASE WHEN issued > $3::date - 45 THEN 'inWork' ELSE 'done' END,
         (${depIds})[1 + g % ${DEPARTMENTS.length}], (${userIds})[1 + g % ${DEPARTMENTS.length}],
         CASE WHEN g % 15 = 0 THEN 1 ELSE 0 END, CASE WHEN g % 20 = 0 THEN 1 ELSE 0 END,
         CASE WHEN issued > $3::date - 45 THEN NULL ELSE issued + 20 + g % 20 END
       FROM (SELECT g, LEAST(make_date($2, 1, 1) + ((g::bigint * 3652) / $4)::int, $3::date) AS issued FROM generate_series(1, $4::int) g) s`,
      [m, FIRST_YEAR, today, ORDERS],
    );
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK");
    throw e;
  } finally {
    c.release();
  }
  await owner.query("VACUUM ANALYZE");
  const counted = (
    await owner.query<{ d: number; a: number; o: number }>(
      `SELECT (SELECT count(*) FROM registry_document)::int AS d, (SELECT count(*) FROM appeal)::int AS a, (SELECT count(*) FROM control_order)::int AS o`,
    )
  ).rows[0]!;
  console.error(`stored ${counted.d} documents, ${counted.a} appeals, ${counted.o} orders in ${ms(performance.now() - t0)} ms`);

  // ---- 1. the registry's search through the use case
  const ctx = createContext(db);
  const officeUser = (await owner.query<{ id: string }>(`SELECT id FROM app_user WHERE login = 'office'`)).rows[0]!.id;
  const caller: Caller = {
    actor: { userId: officeUser, login: "office", municipalityId: m, role: "economy", departmentId: office },
    requestId: null,
  };
  const someNumber = (await owner.query<{ n: string }>(`SELECT reg_number AS n FROM registry_document ORDER BY id LIMIT 1`)).rows[0]!.n;
  const queries: [string, string][] = [
    ["a frequent word («ремонт»)", "ремонт"],
    ["a phrase («освещение набережной»)", "освещение набережной"],
    ["a word and a street («котельной Гагарина»)", "котельной Гагарина"],
    ["a misspelt word («набережнй», trigram similarity)", "набережнй"],
    ["a registration number", someNumber],
    ["no words: the latest documents of a kind", ""],
  ];
  for (const [label, q] of PARTS.has("search") ? queries : []) {
    const lat: number[] = [];
    let found = "";
    for (let i = 0; i < 25; i++) {
      const t = performance.now();
      const r = await searchRegistry(ctx, caller, q ? { q, limit: 50 } : { kind: "incoming", limit: 50 });
      lat.push(performance.now() - t);
      // counted up to 2 000: beyond, «more than»
      found = `${r.totalCapped ? "more than " : ""}${r.total}`;
    }
    lat.sort((a, b) => a - b);
    const p = (x: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * x))]!;
    rows.push([
      `registry search over ${counted.d} documents: ${label} — ${found} found, first 50`,
      `median ${ms(p(0.5))} ms, p95 ${ms(p(0.95))} ms`,
      "< 200 ms",
    ]);
    console.error(`search ${label}: ${ms(p(0.5))} / ${ms(p(0.95))} ms (${found})`);
  }

  if (PARTS.has("register") || PARTS.has("due") || PARTS.has("dashboard")) await underLoad(m, office);
  const [l1, l5, l15] = loadavg();
  console.log(
    `\n${cpus().length} cores, load average ${l1!.toFixed(1)} / ${l5!.toFixed(1)} / ${l15!.toFixed(1)} (1 / 5 / 15 min) at the end of the run\n`,
  );
  print();
} finally {
  await db.close();
  await owner.end();
  await database.stop();
}
process.exit(0);

/** 2. The requests under load: Orientir and the bare Fastify floor. */
async function underLoad(m: string, office: string): Promise<void> {
  void office;
  // ---- 2. the servers: Orientir and the bare Fastify floor
  const server = await buildServer(createContext(db));
  await server.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const floorPool = new pg.Pool({ connectionString: database.handle.appUrl, max: 20 });
  floorPool.on("error", () => {
    /* an idle client's connection closed */
  });
  /**
   * Until the requests left in flight by a run (autocannon stops without waiting for its answers;
   * their handlers go on) have finished: both pools idle, nobody waiting, for 200 ms on end.
   */
  const settle = async () => {
    const idle = (p: pg.Pool) => p.waitingCount === 0 && p.idleCount === p.totalCount;
    const until = performance.now() + 60_000;
    let quiet = 0;
    while (quiet < 4 && performance.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      quiet = idle(db.pool) && idle(floorPool) ? quiet + 1 : 0;
    }
  };
  const floor = Fastify({ logger: false });
  const executor1 = (
    await owner.query<{ id: string; department_id: string }>(
      `SELECT u.id, ms.department_id FROM app_user u JOIN membership ms ON ms.user_id = u.id WHERE u.login = 'executor1'`,
    )
  ).rows[0]!;
  const year = LAST_YEAR;
  floor.get("/constant", () => Promise.resolve({ ok: true }));
  floor.get("/due", async () => {
    const [o, a] = await Promise.all([
      floorPool.query(
        `SELECT * FROM control_order WHERE municipality_id = $1 AND state <> 'done'
           AND (responsible_user_id = $2 OR responsible_department_id = $3) ORDER BY due LIMIT ${PAGE}`,
        [m, executor1.id, executor1.department_id],
      ),
      // as the application reads them: the person's and the department's each along its index, merged
      floorPool.query(DUE_APPEALS_SQL, [m, executor1.id, executor1.department_id]),
    ]);
    return { orders: o.rows, appeals: a.rows };
  });
  floor.get("/dashboard", async () => {
    const r = await floorPool.query(
      `SELECT responsible_department_id, to_char(due, 'YYYY-MM') AS month, count(*) AS total,
         count(*) FILTER (WHERE state = 'done' AND closed_on <= due) AS on_time
       FROM control_order WHERE municipality_id = $1 AND due >= $2 AND due < $3 GROUP BY GROUPING SETS ((1), (2))`,
      [m, `${year}-01-01`, `${year + 1}-01-01`],
    );
    const a = await floorPool.query(
      `SELECT assigned_department_id, to_char(due, 'YYYY-MM') AS month, district, topic_code, count(*) AS total
       FROM appeal WHERE municipality_id = $1 AND registered_on >= $2 AND registered_on < $3 GROUP BY GROUPING SETS ((1), (2), (3), (4))`,
      [m, `${year}-01-01`, `${year + 1}-01-01`],
    );
    return { orders: r.rows, appeals: a.rows };
  });
  let floorN = 0;
  floor.post("/appeal", async () => {
    const n = ++floorN;
    const r = await floorPool.query(
      `INSERT INTO appeal (municipality_id, number, tracking_code, channel, received_on, registered_on, author_name, text, topic_code, due)
       VALUES ($1, $2, $3, 'letter', current_date, current_date, 'Житель', 'Прошу отремонтировать дорогу', '0003.0009.0097.0692', current_date + 30)
       RETURNING id, number, tracking_code`,
      [m, `FLOOR-${n}-${randomUUID()}`, randomUUID()],
    );
    return r.rows[0];
  });
  await floor.listen({ port: 0, host: "127.0.0.1" });
  const floorBase = `http://127.0.0.1:${(floor.server.address() as AddressInfo).port}`;

  const login = async (who: string) => {
    const r = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: who, password: PASSWORD }),
    });
    if (!r.ok) throw new Error(`login ${who}: ${r.status}`);
    const body = (await r.json()) as { csrfToken: string };
    return { cookie: r.headers.getSetCookie()[0]!.split(";")[0]!, csrf: body.csrfToken };
  };
  const officeSession = await login("office");
  const executorSession = await login("executor1");
  const identity = { "accept-encoding": "identity" };

  /**
   * 50 users as a load-test tool models them (`control-users.mjs`, a worker thread): each sends a
   * request, waits for its answer, thinks (exponential, mean `thinkMs`), sends again; started staggered.
   */
  const users = async (label: string, o: Omit<AutocannonOptions, "connections" | "duration">, thinkMs: number, target: string) => {
    await settle();
    const spec = o.requests?.[0];
    const u = new URL(spec?.path ?? o.url, o.url);
    const out = await new Promise<{ latencies: number[]; non2xx: number; errors: number; elapsed: number }>((resolve, reject) => {
      const w = new Worker(new URL("./control-users.mjs", import.meta.url), {
        workerData: {
          origin: u.origin,
          path: u.pathname + u.search,
          method: spec?.method ?? o.method ?? "GET",
          headers: { ...o.headers, ...spec?.headers },
          body: spec?.body ?? o.body,
          register: !!spec?.setupRequest,
          users: CONNECTIONS,
          thinkMs,
          seconds: SECONDS,
        },
      });
      w.once("message", resolve);
      w.once("error", reject);
    });
    if (out.non2xx) throw new Error(`${label}: ${out.non2xx} non-2xx answers`);
    const lat = out.latencies.sort((a, b) => a - b);
    if (!lat.length) throw new Error(`${label}: no answer (${out.errors} errors)`);
    const q = (x: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * x))]!;
    const rate = lat.length / SECONDS;
    rows.push([
      `${label}, ${CONNECTIONS} users thinking ${thinkMs} ms on average (exponential), started staggered`,
      `${rate.toFixed(0)} req/s; p50 ${ms(q(0.5))} ms, **p95 ${ms(q(0.95))} ms**, p99 ${ms(q(0.99))} ms, max ${ms(lat[lat.length - 1]!)} ms${out.errors ? `; ${out.errors} errors` : ""}`,
      target,
    ]);
    console.error(
      `${label} (users, think ${thinkMs} ms): ${rate.toFixed(0)} req/s, p50 ${ms(q(0.5))} ms, p95 ${ms(q(0.95))} ms, p99 ${ms(q(0.99))} ms`,
    );
  };
  const run = async (label: string, o: Omit<AutocannonOptions, "connections" | "duration">, target = "") => {
    // the load generator in a worker thread of its own: the server's event loop serves, it does not also drive 50 clients
    const once = async (paced: boolean) => {
      await settle();
      const r = await autocannon({
        ...o,
        connections: CONNECTIONS,
        duration: SECONDS,
        timeout: 30,
        workers: 1,
        // paced: each connection a user sending USER_RATE requests a second (latency counted from when each was due)
        ...(paced ? { connectionRate: USER_RATE } : {}),
      });
      if (r.non2xx) throw new Error(`${label}: ${r.non2xx} non-2xx answers`);
      if (!r.requests.total) throw new Error(`${label}: no answer (${r.errors} errors)`);
      // autocannon reports p97.5 and p99, not p95: p97.5 bounds p95 from above
      rows.push([
        paced
          ? `${label}, ${CONNECTIONS} connections in step, each asking ${USER_RATE} times a second (bursts of ${CONNECTIONS})`
          : `${label}, ${CONNECTIONS} connections without a pause (saturation)`,
        `${r.requests.average.toFixed(0)} req/s; p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, **p97.5 ${r.latency.p97_5} ms**, p99 ${r.latency.p99} ms${r.errors ? `; ${r.errors} errors (timeouts)` : ""}`,
        target,
      ]);
      console.error(
        `${label}${paced ? ` (paced, ${USER_RATE}/s a user)` : ""}: ${r.requests.average.toFixed(0)} req/s, p97.5 ${r.latency.p97_5} ms`,
      );
      return r;
    };
    if (SATURATION) await once(false);
    if (USER_RATE > 0) await once(true);
    for (const t of THINK_MS) await users(label, o, t, target);
  };
  if (args.includes("--explain"))
    for (const [sql, params] of [
      [
        `SELECT * FROM control_order WHERE municipality_id = $1 AND state <> 'done' AND (responsible_user_id = $2 OR responsible_department_id = $3) ORDER BY due LIMIT ${PAGE}`,
        [m, executor1.id, executor1.department_id],
      ],
      [DUE_APPEALS_SQL, [m, executor1.id, executor1.department_id]],
      // the application's own statement of "my due orders"
      [myControlOrdersSql(true), [m, executor1.id, executor1.department_id, 2000]],
      [
        `SELECT d.id, count(*) OVER () FROM registry_document d WHERE municipality_id = $1 AND kind = 'incoming' ORDER BY reg_date DESC, seq DESC LIMIT 50`,
        [m],
      ],
    ] as const)
      console.error(
        (await owner.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [...params])).rows
          .map((r) => r["QUERY PLAN"])
          .join("\n"),
      );
  // one request at a time: the latency of each request alone, for comparison with the load below
  for (const [label, url] of [
    ["alone: GET /api/orders?mine=1&open=1", `${base}/api/orders?mine=1&open=1`],
    ["alone: GET /api/appeals?filter=due&mine=1", `${base}/api/appeals?filter=due&mine=1`],
    ["alone: GET /api/control/discipline", `${base}/api/control/discipline?year=${year}`],
  ] as const) {
    const lat: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const r = await fetch(url, { headers: { cookie: executorSession.cookie, ...identity } });
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`${label}: ${r.status}`);
      lat.push(performance.now() - t);
    }
    lat.sort((a, b) => a - b);
    rows.push([`${label} (one request at a time, 20 requests)`, `median ${ms(lat[10]!)} ms, p95 ${ms(lat[18]!)} ms`, ""]);
    console.error(`${label}: median ${ms(lat[10]!)} ms, p95 ${ms(lat[18]!)} ms`);
  }
  const due = (await (await fetch(`${base}/api/orders?mine=1&open=1`, { headers: { cookie: executorSession.cookie } })).json()) as {
    items: unknown[];
  };
  const dueAppeals = (await (
    await fetch(`${base}/api/appeals?filter=due&mine=1`, { headers: { cookie: executorSession.cookie } })
  ).json()) as {
    items: unknown[];
  };
  console.error(`executor1: ${due.items.length} open orders, ${dueAppeals.items.length} open appeals`);

  await run("bare Fastify: a constant JSON", { url: `${floorBase}/constant`, headers: identity });
  if (PARTS.has("register")) await register();
  // the registrations are assigned to executor1's department: its open appeals now
  const openAfter = (
    await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM appeal WHERE municipality_id = $1 AND state IN ('registered', 'inWork')
         AND (assigned_user_id = $2 OR assigned_department_id = $3)`,
      [m, executor1.id, executor1.department_id],
    )
  ).rows[0]!.n;
  const listedAfter = Math.min(openAfter, PAGE);
  if (args.includes("--explain")) {
    // the application's own statement of the due appeals' first page, counted, then with the count kept
    const explain = async (kept: boolean) => {
      const capture: { text: string; values: unknown[] }[] = [];
      const spy = {
        query: async (text: string, values?: unknown[]) => {
          capture.push({ text, values: values ?? [] });
          return owner.query(text, values);
        },
      } as unknown as Parameters<typeof listAppeals>[0];
      const f = {
        openOnly: true,
        limit: PAGE + 1,
        assignedTo: { userId: executor1.id, departmentId: executor1.department_id },
        count: true,
      };
      const first = await listAppeals(spy, m, f);
      capture.length = 0;
      await listAppeals(spy, m, { ...f, kept: kept ? { change: first[0]!.change!, total: first[0]!.total! } : null });
      const plan = await owner.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${capture[0]!.text}`, capture[0]!.values);
      console.error(
        `the due appeals' statement, ${kept ? "the count kept" : "counted"}:\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`,
      );
    };
    await explain(false);
    await explain(true);
  }
  console.error(`executor1 now: ${openAfter} open appeals (the list's first page: ${listedAfter})`);
  if (PARTS.has("due")) {
    await run("bare Fastify: the open orders and appeals of a person (two SELECTs)", { url: `${floorBase}/due`, headers: identity });
    await run(
      `GET /api/orders?mine=1&open=1 (the executor's due orders: ${due.items.length})`,
      { url: `${base}/api/orders?mine=1&open=1`, headers: { ...identity, cookie: executorSession.cookie } },
      "p95 < 100 ms",
    );
    await run(
      `GET /api/appeals?filter=due&mine=1 (the executor's due appeals: ${dueAppeals.items.length} before the registrations, ${listedAfter} listed of ${openAfter} now)`,
      { url: `${base}/api/appeals?filter=due&mine=1`, headers: { ...identity, cookie: executorSession.cookie } },
      "p95 < 100 ms",
    );
  }
  if (PARTS.has("dashboard")) {
    await run("bare Fastify: the dashboard's aggregates of a year (two SELECTs)", { url: `${floorBase}/dashboard`, headers: identity });
    await run(
      `GET /api/control/discipline?year=${year} (the discipline dashboard)`,
      { url: `${base}/api/control/discipline?year=${year}`, headers: { ...identity, cookie: executorSession.cookie } },
      "p95 < 100 ms",
    );
    // as a browser asks: the answer compressed (brotli at quality 4 above 1 KB) — what the compression costs under load
    const sizes = await Promise.all(
      ["identity", "br"].map(async (enc) => {
        // node:http, not fetch: fetch gives the body inflated
        const bytes = await new Promise<number>((resolve, reject) =>
          httpGet(
            `${base}/api/control/discipline?year=${year}`,
            { headers: { cookie: executorSession.cookie, "accept-encoding": enc } },
            (res) => {
              let n = 0;
              res.on("data", (c: Buffer) => (n += c.length));
              res.on("end", () => resolve(n));
            },
          ).on("error", reject),
        );
        return `${enc} ${bytes} bytes`;
      }),
    );
    await run(
      `GET /api/control/discipline?year=${year} with Accept-Encoding: br, gzip (${sizes.join(", ")})`,
      { url: `${base}/api/control/discipline?year=${year}`, headers: { "accept-encoding": "br, gzip", cookie: executorSession.cookie } },
      "p95 < 100 ms",
    );
  }
  // the requests still in flight (autocannon does not wait for them) finish before the pools close
  await settle();
  await server.close();
  await floor.close();
  await settle();
  await floorPool.end();

  async function register(): Promise<void> {
    await run("bare Fastify: one INSERT of an appeal", {
      url: `${floorBase}/appeal`,
      method: "POST",
      headers: { ...identity, "content-type": "application/json" },
      body: "{}",
    });
    const today = new Date().toISOString().slice(0, 10);
    await run(
      "POST /api/appeals (register an appeal: number, term, tracking code, repeated check, audit)",
      {
        url: base,
        requests: [
          {
            method: "POST",
            path: "/api/appeals",
            headers: { ...identity, cookie: officeSession.cookie, "x-csrf-token": officeSession.csrf, "content-type": "application/json" },
            body: JSON.stringify({
              channel: "letter",
              receivedOn: today,
              authorName: "Нагрузочный Автор",
              text: "Прошу отремонтировать дорогу",
              topicCode: "0003.0009.0097.0692",
              district: "Ленинский округ",
              assignedDepartmentId: executor1.department_id,
            }),
            // each registration a different author (no repeated appeal); a file, as autocannon's worker loads it
            setupRequest: fileURLToPath(new URL("./control-register-request.cjs", import.meta.url)),
          },
        ],
      },
      "p95 < 100 ms",
    );
  }
}
