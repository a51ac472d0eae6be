// The authentication key is a secret of the contractor, the surety and the orderer it is given to: it must never be
// written to the server's log — not when it is issued, shown, put in the key notice, or used (rightly or wrongly) at
// the lookup. The app logs here at debug level into memory, and the test reads every line.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { authKeyOf, caller, issuedGuarantee } from "./guarantee-fixtures.ts";

let testApp: TestApp;
const lines: string[] = [];

beforeAll(async () => {
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  testApp = await buildTestApp({ LOG_LEVEL: "debug" }, { logger: true, logStream });
});

afterAll(async () => {
  await testApp?.close();
});

describe("the authentication key and the server log", () => {
  it("never appears in a log line, whatever is done with it", async () => {
    const call = caller(testApp);
    const { guarantee, contractor, surety } = await issuedGuarantee(testApp);
    const key = await authKeyOf(testApp, contractor.representative, guarantee.id);
    expect(key).toMatch(/^[A-Za-z0-9]{12,}$/);
    expect((await call("GET", `/api/guarantees/${guarantee.id}/auth-key`, surety.representative.auth)).statusCode).toBe(200);
    expect((await call("GET", `/api/guarantees/${guarantee.id}/key-notice.pdf`, contractor.representative.auth)).statusCode).toBe(200);
    const number = guarantee.guaranteeNumber!;
    expect((await call("POST", "/api/verify/guarantee", undefined, { guaranteeNumber: number, authKey: key })).statusCode).toBe(200);
    const wrongKey = `${key.slice(0, -1)}${key.endsWith("a") ? "b" : "a"}`;
    expect((await call("POST", "/api/verify/guarantee", undefined, { guaranteeNumber: number, authKey: wrongKey })).statusCode).toBeGreaterThanOrEqual(400);

    // The log was written (requests and responses at least), and holds neither key.
    expect(lines.length).toBeGreaterThan(10);
    const log = lines.join("");
    expect(log).toContain("/api/verify/guarantee");
    expect(log).toContain(`/api/guarantees/${guarantee.id}/auth-key`);
    expect(log).not.toContain(key);
    expect(log).not.toContain(wrongKey);
  });
});
