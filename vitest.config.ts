// One vitest run covers every package; each project keeps its own config.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["packages/shared", "packages/pki", "apps/web", "apps/api"],
  },
});
