// Issue 7, the failure counters as the database keeps them: concurrent failures all count (one upsert statement per
// attempt), the counters survive an app restart on the same database, a trusted proxy's X-Forwarded-For is used only
// with TRUST_PROXY, and a wrong number takes about as long as a wrong key (no timing oracle).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { openTestDatabase } from "../../support/test-database.ts";
import { authKeyOf, issuedGuarantee } from "../guarantees/guarantee-fixtures.ts";
import { lookupCaller, nextAddress, randomGuaranteeNumber, wrongKeyFor } from "./lookup-fixtures.ts";

const TEST_ENV = { NODE_ENV: "test", JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-0123456789", LOG_LEVEL: "silent" } as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

describe("with high limits (nothing locks)", () => {
  let testApp: TestApp;
  let post: ReturnType<typeof lookupCaller>;
  let guaranteeNumber: string;
  let authKey: string;

  beforeAll(async () => {
    testApp = await buildTestApp({ LOOKUP_MAX_FAILURES_PER_NUMBER: "1000", LOOKUP_MAX_FAILURES_PER_ADDRESS: "100000" });
    post = lookupCaller(testApp);
    const issued = await issuedGuarantee(testApp);
    guaranteeNumber = issued.guarantee.guaranteeNumber as string;
    authKey = await authKeyOf(testApp, issued.contractor.staff, issued.guarantee.id);
  });
  afterAll(() => testApp?.close());

  it("20 concurrent wrong attempts on one number from one address all count, on both counters", async () => {
    const ip = nextAddress();
    const responses = await Promise.all(Array.from({ length: 20 }, () => post("", { guaranteeNumber, authKey: wrongKeyFor(authKey) }, { ip })));
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(404));
    const counters = await testApp.prisma.guaranteeLookupCounter.findMany({ where: { OR: [{ scope: "NUMBER", subject: guaranteeNumber }, { scope: "ADDRESS", subject: ip }] } });
    expect(counters.map((counter) => [counter.scope, counter.failures]).sort()).toEqual([
      ["ADDRESS", 20],
      ["NUMBER", 20],
    ]);
  });

  it("the median time of 30 wrong-number attempts is within a generous factor of 30 wrong-key attempts", async () => {
    const time = async (body: { guaranteeNumber: string; authKey: string }) => {
      const started = process.hrtime.bigint();
      const response = await post("", body, { ip: "192.0.2.200" });
      expect(response.statusCode).toBe(404);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    // Warm-up, then interleaved so that load on the machine affects both alike.
    await time({ guaranteeNumber, authKey: wrongKeyFor(authKey) });
    await time({ guaranteeNumber: randomGuaranteeNumber(), authKey });
    const wrongKey: number[] = [];
    const wrongNumber: number[] = [];
    for (let i = 0; i < 30; i++) {
      wrongKey.push(await time({ guaranteeNumber, authKey: wrongKeyFor(authKey) }));
      wrongNumber.push(await time({ guaranteeNumber: randomGuaranteeNumber(), authKey }));
    }
    const ratio = median(wrongNumber) / median(wrongKey);
    expect(ratio, `wrong number ${median(wrongNumber).toFixed(2)} ms, wrong key ${median(wrongKey).toFixed(2)} ms`).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });

  it("20 concurrent attempts right at the limit: the number ends locked and every answer is a 404 or a 429", async () => {
    const limited = await buildTestApp();
    try {
      const limitedPost = lookupCaller(limited);
      const number = randomGuaranteeNumber();
      const responses = await Promise.all(Array.from({ length: 20 }, () => limitedPost("", { guaranteeNumber: number, authKey }, { ip: nextAddress() })));
      const statuses = responses.map((response) => response.statusCode);
      expect(statuses.every((status) => status === 404 || status === 429)).toBe(true);
      expect(statuses.filter((status) => status === 404).length).toBeGreaterThanOrEqual(5);
      expect((await limitedPost("", { guaranteeNumber: number, authKey }, { ip: nextAddress() })).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe("TRUST_PROXY", () => {
  it("with TRUST_PROXY=true the address is the proxy's X-Forwarded-For (the positive control of the forged-header test)", async () => {
    const testApp = await buildTestApp({ TRUST_PROXY: "true" });
    try {
      const response = await lookupCaller(testApp)("", { guaranteeNumber: randomGuaranteeNumber(), authKey: "x" }, { ip: "10.0.0.1", headers: { "x-forwarded-for": "203.0.113.7" } });
      expect(response.statusCode).toBe(404);
      expect(await testApp.prisma.guaranteeLookupCounter.findMany({ where: { scope: "ADDRESS" }, select: { subject: true } })).toEqual([{ subject: "203.0.113.7" }]);
    } finally {
      await testApp.close();
    }
  });
});

describe("across a restart", () => {
  it("counters live in the database: 5 failures before a restart lock the number after it", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "pwp-test-data-"));
    const testDatabase = await openTestDatabase();
    const config = loadConfig({ ...TEST_ENV, DATA_DIR: dataDir });
    const start = async (): Promise<TestApp> => {
      const app = await buildApp({ config, database: testDatabase.database, logger: false });
      return { app, config, prisma: testDatabase.database.prisma, close: () => app.close() };
    };
    try {
      const first = await start();
      const issued = await issuedGuarantee(first);
      const guaranteeNumber = issued.guarantee.guaranteeNumber as string;
      const authKey = await authKeyOf(first, issued.contractor.staff, issued.guarantee.id);
      for (let attempt = 1; attempt <= 5; attempt++) {
        expect((await lookupCaller(first)("", { guaranteeNumber, authKey: wrongKeyFor(authKey) }, { ip: nextAddress() })).statusCode).toBe(404);
      }
      await first.close();

      const second = await start();
      try {
        expect((await lookupCaller(second)("", { guaranteeNumber, authKey }, { ip: nextAddress() })).statusCode).toBe(429);
      } finally {
        await second.close();
      }
    } finally {
      await testDatabase.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
