/**
 * The namespace of each `messages({...})` catalog of the web app, given at build time, so that a
 * locale's catalog (src/locales/<locale>.json) can name its texts without the call sites naming
 * themselves. The namespace is the module's path under src without its extension
 * ("pages/audit/AuditPage"), followed by "/<Name>" when the catalog's constant is not called `M`
 * ("pages/workflow/common/LM"). The Vite plugin below rewrites each
 *   const M = messages({ … })   into   const M = messages.in("pages/audit/AuditPage", { … })
 * and the catalog test (test/i18n-catalog.test.ts) finds the catalogs by the same pattern.
 */
import { relative } from "node:path";

/** `const NAME = messages({` at a module's top level (optionally exported). */
export const MESSAGES_CALL = /\b(const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*messages\(\s*\{/g;

export function moduleNamespace(srcDir: string, file: string): string {
  return relative(srcDir, file)
    .replace(/\\/g, "/")
    .replace(/\.(tsx?|jsx?)$/, "");
}

export function catalogNamespace(moduleNs: string, constName: string): string {
  return constName === "M" ? moduleNs : `${moduleNs}/${constName}`;
}

/** The module's source with each catalog given its namespace; null when it has none. */
export function withNamespaces(code: string, srcDir: string, file: string): string | null {
  if (!file.startsWith(srcDir) || !/\.(tsx?|jsx?)$/.test(file) || !code.includes("messages(")) return null;
  const ns = moduleNamespace(srcDir, file);
  let changed = false;
  const out = code.replace(MESSAGES_CALL, (_all, kw: string, name: string) => {
    changed = true;
    return `${kw} ${name} = messages.in(${JSON.stringify(catalogNamespace(ns, name))}, {`;
  });
  return changed ? out : null;
}

/** The Vite plugin: namespaces for the catalogs of the modules under `srcDir`. */
export function i18nNamespaces(srcDir: string) {
  return {
    name: "orientir-i18n-namespaces",
    enforce: "pre" as const,
    transform(code: string, id: string) {
      const file = id.split("?")[0] ?? id;
      const out = withNamespaces(code, srcDir, file);
      return out === null ? null : { code: out, map: null };
    },
  };
}
