/**
 * Anchors of the audit log: the head of each municipality's chain (count, last id, hash), signed
 * with HMAC-SHA256 under a key the database never holds, written out of the database — a line of
 * a JSON Lines file and, where configured, a mail to the audit chamber. `checkAudit` verifies the
 * chain and then the chain against every anchor, so that the newest entries deleted, or the chain
 * recomputed after a change, are reported (see docs/SECURITY.md).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { canonicalJson } from "@orientir/domain";
import {
  auditAnchorsRecorded,
  auditChainAt,
  auditHeads,
  enqueueJob,
  insertAnchorMail,
  readOrCreateSecret,
  readSecret,
  recordAuditAnchor,
  verifyAudit,
  type AuditBreak,
  type ChainHead,
} from "@orientir/db";
import type { AppContext } from "./context.ts";

export interface AuditAnchorConfig {
  /** ORIENTIR_AUDIT_KEY, when set: the key itself (then no key file is read or made). */
  keyFromEnv: string | null;
  /** `<data>/audit-anchor.key`: made (random, mode 0600) by the first anchor. */
  keyFile: string;
  /** ORIENTIR_AUDIT_ANCHOR_FILE or `<data>/audit-anchors.jsonl`. */
  anchorFile: string;
  /** ORIENTIR_AUDIT_ANCHOR_EMAIL: the audit chamber's address each anchor is mailed to. */
  email: string | null;
}

/** The anchors' settings from the environment; `<data>` is ORIENTIR_DATA_DIR or ./data. */
export function auditAnchorConfig(env: Record<string, string | undefined> = process.env): AuditAnchorConfig {
  const dataDir = resolve(env.ORIENTIR_DATA_DIR || "data");
  return {
    keyFromEnv: env.ORIENTIR_AUDIT_KEY ? env.ORIENTIR_AUDIT_KEY : null,
    keyFile: join(dataDir, "audit-anchor.key"),
    anchorFile: resolve(env.ORIENTIR_AUDIT_ANCHOR_FILE || join(dataDir, "audit-anchors.jsonl")),
    email: env.ORIENTIR_AUDIT_ANCHOR_EMAIL?.trim() || null,
  };
}

const MIN_KEY_LENGTH = 32;

/**
 * The anchor key: ORIENTIR_AUDIT_KEY, or the key file — made on first use when `create`, otherwise
 * null when it does not exist. A key shorter than 32 characters is refused.
 */
export function anchorKey(cfg: AuditAnchorConfig, create: boolean): Buffer | null {
  const text = cfg.keyFromEnv ?? (create ? readOrCreateSecret(cfg.keyFile) : readSecret(cfg.keyFile));
  if (text === null) return null;
  if (text.length < MIN_KEY_LENGTH) {
    throw new Error(
      `ключ якорей журнала короче ${MIN_KEY_LENGTH} символов (${cfg.keyFromEnv !== null ? "ORIENTIR_AUDIT_KEY" : cfg.keyFile})`,
    );
  }
  return Buffer.from(text, "utf8");
}

export interface AuditAnchor {
  v: 1;
  at: string;
  heads: ChainHead[];
  /** HMAC-SHA256 of the canonical JSON of {v, at, heads}, hex. */
  mac: string;
}

export function anchorMac(key: Buffer, a: Pick<AuditAnchor, "v" | "at" | "heads">): string {
  return createHmac("sha256", key)
    .update(canonicalJson({ v: a.v, at: a.at, heads: a.heads }))
    .digest("hex");
}

function macMatches(key: Buffer, a: AuditAnchor): boolean {
  const expected = Buffer.from(anchorMac(key, a), "hex");
  const given = Buffer.from(typeof a.mac === "string" ? a.mac : "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const sameHeads = (a: ChainHead[], b: ChainHead[]) => canonicalJson(a) === canonicalJson(b);

/** Appends one line to the anchor file and flushes it to disk. */
function appendLine(file: string, line: string): void {
  const fd = openSync(file, "a", 0o644);
  try {
    writeSync(fd, line + "\n");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface AnchorFile {
  /** Lines that parse as anchors, in order, with their line numbers. */
  anchors: { line: number; anchor: AuditAnchor }[];
  /** Lines that are not anchors (the file was altered). */
  badLines: number[];
}

/** The anchors of the file; null when it does not exist. Throws when it cannot be read. */
export function readAnchorFile(file: string): AnchorFile | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, "utf8");
  const out: AnchorFile = { anchors: [], badLines: [] };
  text.split("\n").forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      const a = JSON.parse(raw) as AuditAnchor;
      if (a && a.v === 1 && typeof a.at === "string" && Array.isArray(a.heads) && typeof a.mac === "string")
        out.anchors.push({ line: i + 1, anchor: a });
      else out.badLines.push(i + 1);
    } catch {
      out.badLines.push(i + 1);
    }
  });
  return out;
}

/**
 * Anchors the chains now: signs their heads, appends the anchor to the file, records that it was
 * made, and queues its mail to the audit chamber (ORIENTIR_AUDIT_ANCHOR_EMAIL). With `onlyIfChanged`
 * (the hourly job), nothing is done when the heads are those of the file's last anchor (null).
 */
export async function anchorAudit(
  ctx: AppContext,
  cfg: AuditAnchorConfig,
  opts: { onlyIfChanged?: boolean } = {},
): Promise<AuditAnchor | null> {
  const key = anchorKey(cfg, true)!;
  const heads = await auditHeads(ctx.db);
  if (opts.onlyIfChanged) {
    const last = readAnchorFile(cfg.anchorFile)?.anchors.at(-1)?.anchor;
    if (last && sameHeads(last.heads, heads)) return null;
  }
  const at = ctx.now().toISOString();
  const anchor: AuditAnchor = { v: 1, at, heads, mac: "" };
  anchor.mac = anchorMac(key, anchor);
  const line = JSON.stringify(anchor);
  appendLine(cfg.anchorFile, line);
  await ctx.db.tx(async (q) => {
    await recordAuditAnchor(q, { at, heads, mac: anchor.mac, file: cfg.anchorFile });
    if (cfg.email) {
      const id = await insertAnchorMail(q, {
        toAddress: cfg.email,
        subject: `[Ориентир] Якорь журнала изменений ${at}`,
        body: anchorMailText(anchor, line),
        key: `audit-anchor:${at}`,
        at,
      });
      await enqueueJob(q, { kind: "email.send", payload: { outboxId: id }, uniqueKey: `email:${id}`, runAt: at, maxAttempts: 8 });
    }
  });
  return anchor;
}

function anchorMailText(a: AuditAnchor, line: string): string {
  const chains = a.heads.length
    ? a.heads
        .map(
          (h) => `  ${h.municipalityId ?? "(без муниципального образования)"}: записей ${h.count}, последняя № ${h.lastId}, хеш ${h.hash}`,
        )
        .join("\n")
    : "  (журнал пуст)";
  return `Якорь журнала изменений Ориентира на ${a.at}.

Сохраните это письмо: по нему команда «orientir audit verify» обнаружит удаление последних записей
журнала или его пересчет. Подпись (HMAC-SHA256) сделана ключом, которого нет в базе данных.

Цепочки:
${chains}

Строка якоря (для файла якорей):
${line}
`;
}

export interface AuditCheck {
  /** Entries whose chain was checked. */
  checked: number;
  /** What is broken: a changed or removed entry, an anchor the chain no longer matches, an altered anchor. */
  breaks: AuditBreak[];
  /** Anchors the chain was checked against. */
  anchorsChecked: number;
  lastAnchorAt: string | null;
  /** What could not be checked (the anchor file missing or unreadable, the key missing). */
  problems: string[];
  warnings: string[];
}

/**
 * Verifies the audit log: every chain link and hash, then each anchor of the file (its signature,
 * then the chain against it). With `requireAnchor`, a log never anchored is a problem, not a warning.
 */
export async function checkAudit(ctx: AppContext, cfg: AuditAnchorConfig, opts: { requireAnchor?: boolean } = {}): Promise<AuditCheck> {
  const chain = await verifyAudit(ctx.db);
  const result: AuditCheck = {
    checked: chain.checked,
    breaks: [...chain.breaks],
    anchorsChecked: 0,
    lastAnchorAt: null,
    problems: [],
    warnings: [],
  };
  const recorded = await auditAnchorsRecorded(ctx.db);
  let file: AnchorFile | null;
  try {
    file = readAnchorFile(cfg.anchorFile);
  } catch (e) {
    result.problems.push(`файл якорей ${cfg.anchorFile} не читается: ${(e as Error).message}`);
    return result;
  }
  if (file === null || (file.anchors.length === 0 && file.badLines.length === 0)) {
    if (recorded.count > 0) {
      result.problems.push(
        `файл якорей ${cfg.anchorFile} отсутствует или пуст, а база данных помнит ${recorded.count} якорей (последний ${recorded.lastAt}): проверка по якорю невозможна`,
      );
    } else {
      const text = `якорей еще не было (файл ${cfg.anchorFile}): удаление последних записей или пересчет цепочки не обнаружить; сделайте якорь: orientir audit anchor`;
      (opts.requireAnchor ? result.problems : result.warnings).push(text);
    }
    return result;
  }
  let key: Buffer | null;
  try {
    key = anchorKey(cfg, false);
  } catch (e) {
    result.problems.push((e as Error).message);
    return result;
  }
  if (!key) {
    result.problems.push(`нет ключа якорей (ORIENTIR_AUDIT_KEY или файл ${cfg.keyFile}): подписи якорей не проверить`);
    return result;
  }
  for (const line of file.badLines) {
    result.breaks.push({ id: 0, municipalityId: null, reason: `anchor file line ${line} is not an anchor (the file was altered)` });
  }
  const checkedHeads = new Set<string>();
  for (const { line, anchor } of file.anchors) {
    if (!macMatches(key, anchor)) {
      result.breaks.push({
        id: 0,
        municipalityId: null,
        reason: `anchor of ${anchor.at} (line ${line}): signature does not match (the anchor was altered, or made with another key)`,
      });
      continue;
    }
    result.anchorsChecked++;
    result.lastAnchorAt = anchor.at;
    for (const h of anchor.heads) {
      const k = `${h.municipalityId}|${h.lastId}|${h.count}|${h.hash}`;
      if (checkedHeads.has(k)) continue;
      checkedHeads.add(k);
      const now = await auditChainAt(ctx.db, h.municipalityId, h.lastId);
      const where = { id: h.lastId, municipalityId: h.municipalityId };
      if (now.hash === null || now.count < h.count) {
        result.breaks.push({
          ...where,
          reason: `entries were deleted: the anchor of ${anchor.at} counted ${h.count} entries up to entry ${h.lastId}, the log has ${now.count}${now.hash === null ? " and entry " + h.lastId + " is gone" : ""}`,
        });
      } else if (now.count > h.count) {
        result.breaks.push({
          ...where,
          reason: `entries were inserted: the anchor of ${anchor.at} counted ${h.count} entries up to entry ${h.lastId}, the log has ${now.count}`,
        });
      } else if (now.hash !== h.hash) {
        result.breaks.push({
          ...where,
          reason: `the chain was rewritten: the hash of entry ${h.lastId} differs from the anchor of ${anchor.at}`,
        });
      }
    }
  }
  if (recorded.count > file.anchors.length) {
    result.warnings.push(
      `база данных помнит ${recorded.count} якорей, в файле ${cfg.anchorFile} их ${file.anchors.length}: файл мог быть урезан (или якоря писались и в другой файл)`,
    );
  }
  return result;
}
