/**
 * Secrets kept in the data folder: random, created on first use with mode 0600 (only the owner
 * reads them), never a fixed value in the source. The embedded server's superuser password, the
 * application role's password and the audit anchor key are kept this way.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** A new random secret: `bytes` random bytes as hex. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("hex");
}

/** The secret kept in `file`, or null when there is none. A file readable by others is narrowed to 0600. */
export function readSecret(file: string): string | null {
  if (!existsSync(file)) return null;
  if (process.platform !== "win32" && (statSync(file).mode & 0o077) !== 0) {
    try {
      chmodSync(file, 0o600);
    } catch {
      /* not ours: it is still read */
    }
  }
  const value = readFileSync(file, "utf8").trim();
  if (!value) throw new Error(`файл секрета пуст: ${file}`);
  return value;
}

/** The secret kept in `file`; created (random, mode 0600) when the file does not exist yet. */
export function readOrCreateSecret(file: string, bytes = 32): string {
  const existing = readSecret(file);
  if (existing !== null) return existing;
  mkdirSync(dirname(file), { recursive: true });
  const value = randomSecret(bytes);
  try {
    // "wx": two processes starting at once do not overwrite each other's secret
    writeFileSync(file, value + "\n", { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return readSecret(file)!;
    throw e;
  }
  return value;
}
