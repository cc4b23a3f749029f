#!/usr/bin/env node
// Compiles the CLI and the server ahead of time (run by `npm ci` through the root `prepare`
// script, and by `npm start` when the bundle is missing or older than its sources): esbuild bundles
// packages/cli/src/main.ts with everything of ours it imports into packages/cli/dist/orientir.mjs
// (ESM, Node 20, source maps), each command in a chunk of its own that loads when it runs.
// Third-party packages stay external, so their own files and binaries resolve as usual.
//
//   node scripts/build-server.mjs             build
//   node scripts/build-server.mjs --if-stale  build only if the bundle is missing or not current
//   node scripts/build-server.mjs --outdir D  build into the folder D instead (tests; inside the repository)
//   --or-warn: a failed build warns and exits 0 (npm ci, npm start): npx orientir then runs the
//   sources, and the bundle's test (packages/cli/test/bundle.test.ts) fails in npm test
//
// Files found at run time relative to a module (`new URL("../migrations", import.meta.url)`,
// `createRequire(import.meta.url)`) are found from the bundle too: in each of our modules,
// `import.meta.url` is made the URL of its source file, computed from the bundle's own URL (the
// bundle stays inside the repository). A worker is bundled as an entry of its own (WORKERS).
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { DIST, MANIFEST, ROOT, bundleStaleReason } from "../packages/cli/bin/bundle.mjs";

/**
 * Workers started by URL: the worker's bundled entry, and the exact expression by which its caller
 * starts it (rewritten to the bundled entry). The build fails if the caller no longer has it.
 */
const WORKERS = [
  {
    name: "import-worker",
    entry: "packages/reports/src/import/worker-main.ts",
    caller: "packages/reports/src/import/isolated.ts",
    expression: 'new URL("./worker-entry.mjs", import.meta.url)',
  },
  {
    name: "compute-worker",
    entry: "packages/server/src/compute/worker-main.ts",
    caller: "packages/server/src/compute/pool.ts",
    expression: 'new URL("./worker-entry.mjs", import.meta.url)',
  },
];

const OURS = join(ROOT, "packages") + sep;
const ourSource = (file) => file.startsWith(OURS) && !file.includes(`${sep}node_modules${sep}`);
const posix = (p) => p.split(sep).join("/");

/** Third-party packages stay external; each must resolve from the bundle's folder to the file it resolves to from its importer. */
function externals(outdir) {
  return {
    name: "orientir-externals",
    setup(build) {
      const checked = new Map();
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.probe || args.path.startsWith("@orientir/")) return undefined;
        if (args.path.startsWith("node:")) return { path: args.path, external: true };
        const key = `${args.path}\0${args.resolveDir}`;
        if (!checked.has(key)) {
          const from = async (resolveDir) =>
            (await build.resolve(args.path, { kind: args.kind, resolveDir, pluginData: { probe: true } })).path;
          // from the bundle's folder, or the nearest that exists yet: the same lookup
          let dir = outdir;
          while (!existsSync(dir)) dir = dirname(dir);
          checked.set(key, Promise.all([from(args.resolveDir), from(dir)]));
        }
        const [fromImporter, fromBundle] = await checked.get(key);
        if (fromImporter !== fromBundle) {
          return {
            errors: [
              {
                text:
                  `"${args.path}" resolves to ${fromImporter} from ${relative(ROOT, args.importer)} but to ${fromBundle || "nothing"} ` +
                  `from the bundle (${relative(ROOT, outdir)}): install it at the root (npm install -w … hoists it)`,
              },
            ],
          };
        }
        return { path: args.path, external: true };
      });
    },
  };
}

/** Our sources, with `import.meta.url` made the source file's URL (and the workers' URLs made their bundled entries'). */
function sourceUrls(outdir) {
  return {
    name: "orientir-source-urls",
    setup(build) {
      build.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, async (args) => {
        if (!ourSource(args.path)) return undefined;
        let contents = await readFile(args.path, "utf8");
        if (!contents.includes("import.meta.url")) return undefined;
        const marker = "\0BUNDLE_URL\0";
        for (const w of WORKERS) {
          if (join(ROOT, w.caller) !== args.path) continue;
          if (!contents.includes(w.expression)) {
            return {
              errors: [
                { text: `${w.caller} no longer starts its worker with ${w.expression}: update WORKERS in scripts/build-server.mjs` },
              ],
            };
          }
          contents = contents.split(w.expression).join(`new URL("./${w.name}.mjs", ${marker})`);
        }
        const sourceUrl = `new URL(${JSON.stringify(posix(relative(outdir, args.path)))}, import.meta.url).href`;
        contents = contents
          .replace(/\bimport\.meta\.url\b/g, sourceUrl)
          .split(marker)
          .join("import.meta.url");
        return { contents, loader: args.path.endsWith("ts") ? "ts" : "js" };
      });
    },
  };
}

async function buildServer(outdir) {
  const { build } = await import("esbuild");
  const builtAt = Date.now();
  // built beside and swapped in whole, so that no process ever sees half a bundle
  const next = outdir + `.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  mkdirSync(next, { recursive: true });
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: { orientir: "packages/cli/src/main.ts", ...Object.fromEntries(WORKERS.map((w) => [w.name, w.entry])) },
      outdir: next,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: "linked",
      entryNames: "[name]",
      chunkNames: "[name]-[hash]",
      outExtension: { ".js": ".mjs" },
      metafile: true,
      logLevel: "warning",
      // the outputs are computed for their final folder: the source URLs are relative to it
      plugins: [externals(outdir), sourceUrls(outdir)],
    });
    const packageFiles = ["packages/cli/package.json", "scripts/build-server.mjs", "packages/cli/bin/bundle.mjs"];
    for (const input of Object.keys(result.metafile.inputs)) {
      const pkg = input.match(/^packages\/[^/]+\//)?.[0];
      if (pkg && !packageFiles.includes(`${pkg}package.json`)) packageFiles.push(`${pkg}package.json`);
    }
    const inputs = [...Object.keys(result.metafile.inputs).filter((f) => ourSource(join(ROOT, f))), ...packageFiles];
    writeFileSync(join(next, MANIFEST), JSON.stringify({ builtAt, inputs }, null, 1) + "\n");
    const old = outdir + `.old-${process.pid}`;
    if (existsSync(outdir)) renameSync(outdir, old);
    renameSync(next, outdir);
    rmSync(old, { recursive: true, force: true });
    return { inputs: inputs.length, ms: Date.now() - builtAt };
  } catch (e) {
    rmSync(next, { recursive: true, force: true });
    throw e;
  }
}

const outArg = process.argv.indexOf("--outdir");
const outdir = outArg > 0 ? resolve(ROOT, process.argv[outArg + 1]) : DIST.replace(/[\\/]$/, "");
const why = outArg > 0 ? null : bundleStaleReason();
if (process.argv.includes("--if-stale") && outArg < 0 && why === null) {
  console.log("the CLI and server bundle is current");
} else {
  try {
    const { inputs, ms } = await buildServer(outdir);
    console.log(`built ${posix(relative(ROOT, outdir))} from ${inputs} files in ${ms} ms${why ? ` (${why})` : ""}`);
  } catch (e) {
    // esbuild has printed what failed
    console.error(`the CLI and server bundle was not built: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
    if (process.argv.includes("--or-warn")) console.error("warning: npx orientir runs the TypeScript sources (through tsx) instead");
    else process.exit(1);
  }
}
