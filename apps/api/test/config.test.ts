import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

const dirs: string[] = [];
function tempDataDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "pwp-config-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("configuration", () => {
  it("stops in production without JWT_SECRET, naming the variable", () => {
    expect(() => loadConfig({ NODE_ENV: "production", DATA_DIR: tempDataDir() })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "production", DATA_DIR: tempDataDir() })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: "production", JWT_SECRET: "short", DATA_DIR: tempDataDir() })).toThrow(/JWT_SECRET/);
  });

  it("stops in production without PKI_MASTER_KEY, naming the variable, and refuses a key that is not 32 bytes", () => {
    const production = { NODE_ENV: "production", JWT_SECRET: "x".repeat(40), DATA_DIR: tempDataDir() };
    expect(() => loadConfig(production)).toThrow(/PKI_MASTER_KEY is required in production/);
    expect(() => loadConfig({ ...production, PKI_MASTER_KEY: Buffer.alloc(16).toString("base64") })).toThrow(/PKI_MASTER_KEY/);
    expect(loadConfig({ ...production, PKI_MASTER_KEY: Buffer.alloc(32, 1).toString("base64") }).pkiMasterKey).toEqual(new Uint8Array(32).fill(1));
  });

  it("generates a 32-byte development PKI master key once and keeps it with the other secrets", () => {
    const dataDir = tempDataDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.pkiMasterKey.length).toBe(32);
    expect(loadConfig({ DATA_DIR: dataDir }).pkiMasterKey).toEqual(first.pkiMasterKey);
    expect(first.crlValidityHours).toBe(24);
  });

  it("names each malformed variable", () => {
    const attempt = () => loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://db", LOG_LEVEL: "loud", DATA_DIR: tempDataDir() });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect(String(error)).toMatch(/PORT/);
    }
    expect(() => loadConfig({ DATABASE_URL: "mysql://db", DATA_DIR: tempDataDir() })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: "loud", DATA_DIR: tempDataDir() })).toThrow(/LOG_LEVEL/);
  });

  it("generates a development secret once, keeps it private in the data directory, and reuses it", () => {
    const dataDir = tempDataDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    const file = path.join(dataDir, "secrets.json");
    expect(JSON.parse(readFileSync(file, "utf8")).jwtSecret).toBe(first.jwtSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("has the documented defaults and never seeds demo data in production", () => {
    const config = loadConfig({ DATA_DIR: tempDataDir() });
    expect(config).toMatchObject({ host: "127.0.0.1", port: 3000, databaseUrl: undefined, shouldSeedDemoData: true, cookieSecure: false });
    const production = loadConfig({
      NODE_ENV: "production",
      JWT_SECRET: "x".repeat(40),
      PKI_MASTER_KEY: Buffer.alloc(32, 7).toString("base64"),
      DATA_DIR: tempDataDir(),
      SEED_DEMO_DATA: "true",
    });
    expect(production.shouldSeedDemoData).toBe(false);
    expect(production.cookieSecure).toBe(true);
  });
});
