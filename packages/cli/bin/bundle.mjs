// The CLI and server compiled ahead of time (scripts/build-server.mjs): where the bundle is and
// whether it is current. Shared by bin/orientir.mjs (run the bundle, else the TypeScript sources)
// and the build script (`--if-stale`); plain JavaScript so that asking costs a few stat calls.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The bundle's folder: packages/cli/dist. */
export const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
/** What the build writes last, so that a build stopped midway leaves no manifest: its time and its inputs. */
export const MANIFEST = "build.json";

/**
 * Why the bundle (in `dist`, by default the CLI's) cannot be run (absent, or a source it was built from changed since), or null when
 * it is current. The manifest lists every file of ours the bundle was made of (esbuild's inputs),
 * the workspace packages' package.json and the build script, relative to the root.
 */
export function bundleStaleReason(dist = DIST) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dist, MANIFEST), "utf8"));
  } catch {
    return "not built";
  }
  if (typeof manifest?.builtAt !== "number" || !Array.isArray(manifest.inputs)) return "an unreadable manifest";
  for (const input of manifest.inputs) {
    let mtime;
    try {
      mtime = statSync(ROOT + input).mtimeMs;
    } catch {
      return `${input} is gone`;
    }
    if (mtime > manifest.builtAt) return `${input} changed`;
  }
  return null;
}
