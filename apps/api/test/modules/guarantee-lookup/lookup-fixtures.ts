// Calls of the lookup for the guarantee-lookup tests: the credentials in a POST body, from a chosen client address
// (app.inject's remoteAddress), optionally signed in, optionally with forged proxy headers.
import { randomInt } from "node:crypto";
import type { TestApp } from "../../support/test-app.ts";

export type LookupOptions = { ip?: string; auth?: string; headers?: Record<string, string> };

export function lookupCaller(testApp: TestApp) {
  return (path: "" | "/certificate.pdf" | "/accept" | "/return", body: Record<string, unknown>, options: LookupOptions = {}) =>
    testApp.app.inject({
      method: "POST",
      url: `/api/verify/guarantee${path}`,
      remoteAddress: options.ip ?? "127.0.0.1",
      headers: { ...(options.auth ? { authorization: options.auth } : {}), ...options.headers },
      payload: body,
    });
}

/** A well-formed guarantee number that no test issued (issued numbers are random too: a clash is one in 10^11). */
export function randomGuaranteeNumber(): string {
  const digits = String(randomInt(0, 100_000_000_000)).padStart(11, "0");
  return `${digits.slice(0, 5)}-${digits.slice(5)}`;
}

/** A well-formed key that is not the guarantee's (the key alphabet has no 0, O, 1, I or l). */
export function wrongKeyFor(authKey: string): string {
  return authKey.startsWith("A") ? `B${authKey.slice(1)}` : `A${authKey.slice(1)}`;
}

/** A fresh address per test, so the per-address limit of one test never reaches another. */
let lastOctet = 0;
export function nextAddress(): string {
  lastOctet += 1;
  return `198.51.100.${lastOctet}`;
}
