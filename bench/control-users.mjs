// bench/control.ts's "50 users" load generator, run in a worker thread of its own (plain JavaScript, so
// that the worker needs no TypeScript loader). It models users as a load-test tool does (a closed
// model with think time): each user sends a request over its own keep-alive connection, waits for
// the whole answer, then thinks for a random time (exponential, mean `thinkMs`) and sends the next
// one. The users do not start in step: each starts after a random delay (exponential with the same
// mean: the state a user is in at a random instant of such a process). A request's latency is from
// when it is sent to the end of its answer's body.
//
// workerData: { origin, method, path, headers, body, register, users, thinkMs, seconds }
//   register: each request's body gets a new author (no repeated appeal), as autocannon's setupRequest.
// Posts back: { latencies: number[] (ms, requests sent within the window), non2xx, errors, elapsed (ms) }.
"use strict";
import { parentPort, workerData } from "node:worker_threads";
import { request, Agent } from "node:http";
import { randomUUID } from "node:crypto";

const { origin, method, path, headers, body, register, users, thinkMs, seconds } = workerData;
const url = new URL(path, origin);
const latencies = [];
let non2xx = 0;
let errors = 0;
const t0 = performance.now();
const end = t0 + seconds * 1000;
const exp = (mean) => -mean * Math.log(1 - Math.random());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function bodyFor() {
  if (!register || !body) return body;
  const id = randomUUID();
  const b = JSON.parse(body);
  b.authorName = `Нагрузочный Автор ${id}`;
  b.authorAddress = `г. Калуга, ул. Садовая, ${id}`;
  return JSON.stringify(b);
}

function send(agent) {
  return new Promise((resolve) => {
    const payload = bodyFor();
    const h = { ...headers };
    if (payload !== undefined) h["content-length"] = Buffer.byteLength(payload);
    const req = request(url, { method, headers: h, agent }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(-1));
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(-1));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

async function user() {
  // one connection per user, kept alive between its requests
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  await sleep(Math.min(exp(thinkMs), seconds * 1000));
  while (performance.now() < end) {
    const t = performance.now();
    const status = await send(agent);
    if (status < 0) errors++;
    else if (status < 200 || status >= 300) non2xx++;
    else latencies.push(performance.now() - t);
    await sleep(Math.min(exp(thinkMs), Math.max(0, end - performance.now())));
  }
  agent.destroy();
}

await Promise.all(Array.from({ length: users }, () => user()));
parentPort.postMessage({ latencies, non2xx, errors, elapsed: performance.now() - t0 });
