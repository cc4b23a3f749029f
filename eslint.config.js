// @ts-check
// ESLint for the whole repository (docs/ARCHITECTURE.md, "Lint and format"): the recommended
// JavaScript rules, typescript-eslint's type-aware `recommendedTypeChecked` set, the React hooks
// rules for the web app, and eslint-config-prettier last so that no rule argues with Prettier.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

const tests = ["packages/*/test/**", "scripts/test/**"];

export default defineConfig(
  globalIgnores(["**/node_modules/", "**/dist/", "coverage/", "data/", ".test-results/"]),
  // Generated from packages/server/openapi.json (openapi-typescript); a test compares it with its generator's output.
  globalIgnores(["packages/web/src/api/openapi.d.ts"], "generated"),

  js.configs.recommended,

  {
    name: "orientir/typescript",
    files: ["**/*.{ts,tsx,mts,cts}"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Every .ts file is in the root tsconfig.json; the few config files outside it get a default project.
        projectService: { allowDefaultProject: ["packages/web/vite.config.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      // `_name` marks an argument or binding that is there on purpose (a callback's signature, a rest sibling).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },

  {
    name: "orientir/javascript",
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },

  {
    name: "orientir/tests",
    files: tests,
    rules: {
      // Tests read JSON bodies and poke at internals: `any` is allowed there, and so is what follows from it.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },

  {
    name: "orientir/web",
    files: ["packages/web/src/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },

  prettier,
);
