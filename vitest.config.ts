import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "packages/*/test/**/*.test.tsx", "bench/test/**/*.test.ts", "scripts/test/**/*.test.ts"],
    globalSetup: ["packages/testing/src/global-setup.ts"],
    // CI shares its two cores; long browser scenarios took 2–3× their quiet time there.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
