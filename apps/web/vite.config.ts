import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API listens on its own port in development; in production one server serves both under one origin.
const API_TARGET = process.env.API_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
  // Reads the "@/*" alias from tsconfig.json so the editor, tsc and the bundler share one definition.
  resolve: { tsconfigPaths: true },
  server: {
    proxy: { "/api": { target: API_TARGET, changeOrigin: false } },
  },
  preview: {
    proxy: { "/api": { target: API_TARGET, changeOrigin: false } },
  },
  build: {
    // Top-level await in main.tsx and modern syntax: every browser the platform supports has them.
    target: "es2022",
    sourcemap: true,
  },
});
