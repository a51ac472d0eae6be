// What the contract pages need from the API client beyond JSON: the current state a 409 carries, and raw bodies
// (a PDF annex, an RFC 3161 request) sent as they are with their own Content-Type.
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseErrorResponse, request, requestBlob } from "@/lib/api-client";

afterEach(() => vi.unstubAllGlobals());

describe("parseErrorResponse", () => {
  it("keeps the current state of a refused transition", async () => {
    const response = new Response(JSON.stringify({ error: { code: "CONFLICT", message: "Already signed", currentState: "SIGNED_BY_CONTRACTOR" } }), {
      status: 409,
      headers: { "Content-Type": "application/json" },
    });
    const error = await parseErrorResponse(response);
    expect(error.code).toBe("CONFLICT");
    expect(error.currentState).toBe("SIGNED_BY_CONTRACTOR");
  });

  it("has no current state when the body gives none or a non-string", async () => {
    const response = new Response(JSON.stringify({ error: { code: "CONFLICT", message: "x", currentState: 3 } }), { status: 409 });
    expect((await parseErrorResponse(response)).currentState).toBeNull();
  });
});

describe("raw bodies", () => {
  it("sends a Uint8Array or Blob as is, with the given Content-Type, and reads bytes back", async () => {
    const seen: { type: string | null; bytes: Uint8Array }[] = [];
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      const sent = new Request(new URL(String(input), "http://app.test"), init);
      seen.push({ type: sent.headers.get("Content-Type"), bytes: new Uint8Array(await sent.arrayBuffer()) });
      return new Response(new Uint8Array([9, 8, 7]), { status: 200, headers: { "Content-Type": "application/timestamp-reply" } });
    });

    const reply = await requestBlob("/pki/tsa", { method: "POST", body: new Uint8Array([1, 2, 3]), contentType: "application/timestamp-query" });
    expect(new Uint8Array(await reply.arrayBuffer())).toEqual(new Uint8Array([9, 8, 7]));
    await request("/contracts/x/annex", { method: "PUT", body: new Blob([new Uint8Array([0x25, 0x50])]), contentType: "application/pdf" }).catch(() => undefined);

    expect(seen[0]).toEqual({ type: "application/timestamp-query", bytes: new Uint8Array([1, 2, 3]) });
    expect(seen[1]).toEqual({ type: "application/pdf", bytes: new Uint8Array([0x25, 0x50]) });
  });
});
