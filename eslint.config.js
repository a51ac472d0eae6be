// Lint, including the import boundaries that keep the architecture (STYLE.md): Prisma only in apps/api and
// prisma/, apps never import each other, packages/shared imports no workspace package, and features (web) and
// modules (api) never import one another — the app layer composes them.
import { readdirSync } from "node:fs";
import js from "@eslint/js";
import pluginQuery from "@tanstack/eslint-plugin-query";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const listDirs = (dir) => {
  try {
    return readdirSync(new URL(dir, import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
};

const PRISMA = { group: ["@prisma/*", "**/generated/prisma/**"], message: "Prisma is used only in apps/api and prisma/; the browser gets enums and types from @pwp/shared." };
const API_FROM_WEB = { group: ["@pwp/api", "@pwp/api/*", "**/apps/api/**", "../../api/**"], message: "apps never import each other; share through packages/shared." };
const WEB_FROM_API = { group: ["@pwp/web", "@pwp/web/*", "**/apps/web/**"], message: "apps never import each other; share through packages/shared." };
const WORKSPACE_FROM_SHARED = { group: ["@pwp/*", "../../apps/**", "../../../apps/**"], message: "packages/shared depends on no workspace package." };

const restrict = (files, patterns) => ({ files, rules: { "no-restricted-imports": ["error", { patterns }] } });

/** One zone per feature or module: the base rules of its app plus "not the others". */
function siblingZones(baseDir, globBase, basePatterns, aliasPrefix) {
  const names = listDirs(baseDir);
  return names.map((name) => {
    const others = names.filter((other) => other !== name);
    const group = others.flatMap((other) => [
      `**/${globBase}/${other}/**`,
      `**/${globBase}/${other}`,
      // Relative imports from a file up to two folders deep inside its own feature or module.
      ...["..", "../..", "../../.."].flatMap((up) => [`${up}/${other}`, `${up}/${other}/**`]),
      ...(aliasPrefix ? [`${aliasPrefix}/${other}`, `${aliasPrefix}/${other}/**`] : []),
    ]);
    const patterns = others.length ? [...basePatterns, { group, message: `${globBase} never import one another: compose them in the app layer.` }] : basePatterns;
    return restrict([`${baseDir.replace(/^\.\//, "")}/${name}/**/*.{ts,tsx}`], patterns);
  });
}

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/dist/**", "apps/api/src/generated/**", ".data/**", ".test-output/**", "**/test-results/**", "**/playwright-report/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["apps/web/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks, "@tanstack/query": pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@tanstack/query/exhaustive-deps": "error",
      "@tanstack/query/prefer-query-options": "error",
    },
  },
  // Import boundaries. Later zones override earlier ones for the same files, so each zone lists all its rules.
  restrict(["**/*.{ts,tsx,js,mjs}"], [PRISMA]),
  restrict(["apps/api/**/*.{ts,mjs}", "prisma/**/*.ts"], [WEB_FROM_API]),
  restrict(["apps/web/**/*.{ts,tsx}"], [PRISMA, API_FROM_WEB]),
  restrict(["packages/shared/**/*.ts"], [PRISMA, WORKSPACE_FROM_SHARED]),
  ...siblingZones("./apps/web/src/features", "features", [PRISMA, API_FROM_WEB], "@/features"),
  ...siblingZones("./apps/api/src/modules", "modules", [WEB_FROM_API]),
);
