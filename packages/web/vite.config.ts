import { defineConfig } from "vite";
import { i18nNamespaces } from "./scripts/i18n-namespaces.ts";

// The web app talks only to the API. In development (`npm run dev -w @orientir/web`) /api goes to
// a server started with `PORT=3100 npx orientir serve`.
export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  oxc: { jsx: { runtime: "automatic" } },
  plugins: [i18nNamespaces(`${import.meta.dirname}/src`)],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // the libraries' "use client" marks mean nothing to a client-only app
      onwarn(warning, warn) {
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:3100" } },
});
