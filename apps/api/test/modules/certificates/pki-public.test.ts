// The public PKI surface, checked with openssl: CA certificates, the CRL and the RFC 3161 time-stamping authority;
// and the CA keys at rest (encrypted under PKI_MASTER_KEY, a wrong key stops start-up naming it).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromPem } from "@pwp/pki/encoding";
import { buildApp } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { openPgliteDatabase } from "../../../src/db/database.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { openssl, tempDir } from "./certificate-helpers.ts";

let testApp: TestApp;
const files = tempDir();

beforeAll(async () => {
  testApp = await buildTestApp();
});
afterAll(async () => {
  await testApp.close();
  files.remove();
});

describe("GET /api/pki/ca.pem", () => {
  it("serves the root and the issuing CA, which openssl reads and chains", async () => {
    const response = await testApp.app.inject({ method: "GET", url: "/api/pki/ca.pem" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/application\/x-pem-file/);
    const blocks = fromPem(response.body);
    expect(blocks).toHaveLength(2);
    const root = files.write("root.pem", response.body.slice(0, response.body.indexOf("-----END CERTIFICATE-----") + 26));
    const issuing = files.write("issuing.pem", response.body.slice(response.body.indexOf("-----END CERTIFICATE-----") + 26));
    const text = await openssl(["x509", "-in", root, "-noout", "-subject", "-enddate"]);
    expect(text.stdout).toContain("pwp Platform Root CA");
    const verify = await openssl(["verify", "-CAfile", root, issuing]);
    expect(verify.stdout).toContain("OK");
  });
});

describe("CA keys at rest", () => {
  it("stores the CA private keys encrypted (AES-256-GCM), never as plain PKCS#8, one active CA per role", async () => {
    const rows = await testApp.prisma.certificateAuthority.findMany({ select: { role: true, activeRole: true, encryptedKey: true, keyIv: true, keyTag: true } });
    expect(rows.map((row) => row.role).sort()).toEqual(["ISSUING", "ROOT", "TSA"]);
    for (const row of rows) {
      expect(row.activeRole).toBe(row.role);
      expect(row.keyIv.length).toBe(12);
      expect(row.keyTag.length).toBe(16);
      // A PKCS#8 DER starts with a SEQUENCE (0x30) holding version 0 and the algorithm; the stored bytes do not parse as it.
      const plain = await crypto.subtle.importKey("pkcs8", new Uint8Array(row.encryptedKey), { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]).then(
        () => true,
        () => false,
      );
      expect(plain).toBe(false);
    }
  });

  it("refuses a second CA for an active role (the guard against two instances creating two roots)", async () => {
    const root = await testApp.prisma.certificateAuthority.findFirstOrThrow({ where: { role: "ROOT" } });
    const { id: _id, createdAt: _createdAt, ...copy } = root;
    await expect(testApp.prisma.certificateAuthority.create({ data: copy })).rejects.toThrow();
  });

  it("loads the same CAs on a later start, and stops with a message naming PKI_MASTER_KEY when the key is wrong", async () => {
    // A database of its own, started three times: created, loaded with the same key, then with another key.
    const { PGlite } = await import("@electric-sql/pglite");
    const pglite = await PGlite.create("memory://");
    const database = await openPgliteDatabase(pglite);
    const dataDir = files.dir;
    const env = { NODE_ENV: "test", DATA_DIR: dataDir, JWT_SECRET: "x".repeat(40), LOG_LEVEL: "silent" } as const;
    const key = Buffer.alloc(32, 1).toString("base64");
    const first = await buildApp({ config: loadConfig({ ...env, PKI_MASTER_KEY: key }), database, logger: false });
    const rootFingerprint = first.pki.root.info.fingerprintSha256Hex;
    await first.close();
    const second = await buildApp({ config: loadConfig({ ...env, PKI_MASTER_KEY: key }), database, logger: false });
    expect(second.pki.root.info.fingerprintSha256Hex).toBe(rootFingerprint);
    await second.close();
    await expect(
      buildApp({ config: loadConfig({ ...env, PKI_MASTER_KEY: Buffer.alloc(32, 2).toString("base64") }), database, logger: false }),
    ).rejects.toThrow(/PKI_MASTER_KEY does not open the platform CA keys/);
    await database.close();
  }, 60_000);
});

describe("POST /api/pki/tsa", () => {
  it("answers an openssl time-stamp query with a token openssl verifies against the platform root", async () => {
    const caPem = (await testApp.app.inject({ method: "GET", url: "/api/pki/ca.pem" })).body;
    const [root, issuing] = fromPem(caPem);
    const rootFile = files.write("tsa-root.pem", `-----BEGIN CERTIFICATE-----\n${Buffer.from(root!.der).toString("base64")}\n-----END CERTIFICATE-----\n`);
    const issuingFile = files.write("tsa-issuing.pem", `-----BEGIN CERTIFICATE-----\n${Buffer.from(issuing!.der).toString("base64")}\n-----END CERTIFICATE-----\n`);
    const data = files.write("document.txt", "계약서 本文 contract body\n");
    const query = files.file("q.tsq");
    expect((await openssl(["ts", "-query", "-data", data, "-sha256", "-cert", "-out", query])).code).toBe(0);
    const response = await testApp.app.inject({
      method: "POST",
      url: "/api/pki/tsa",
      headers: { "content-type": "application/timestamp-query" },
      payload: readFileSync(query),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/timestamp-reply");
    const reply = files.write("r.tsr", response.rawPayload);
    const verify = await openssl(["ts", "-verify", "-queryfile", query, "-in", reply, "-CAfile", rootFile, "-untrusted", issuingFile]);
    expect(verify.stdout + verify.stderr).toContain("Verification: OK");
    const text = await openssl(["ts", "-reply", "-in", reply, "-text"]);
    expect(text.stdout).toContain("Policy OID: 1.3.6.1.4.1.55555.1.1");
    expect(text.stdout).toContain("Status: Granted.");
  });

  it("rejects a SHA-1 query and garbage with a rejection response (not a 500)", async () => {
    const data = files.write("sha1.txt", "data");
    const query = files.file("sha1.tsq");
    await openssl(["ts", "-query", "-data", data, "-sha1", "-out", query]);
    for (const payload of [readFileSync(query), Buffer.from("not a request")]) {
      const response = await testApp.app.inject({ method: "POST", url: "/api/pki/tsa", headers: { "content-type": "application/timestamp-query" }, payload });
      expect(response.statusCode).toBe(200);
      const reply = files.write("rejected.tsr", response.rawPayload);
      const text = await openssl(["ts", "-reply", "-in", reply, "-text"]);
      expect(text.stdout).toContain("Status: Rejected.");
    }
  });

  it("refuses another content type (415) and an oversized body (413)", async () => {
    const wrongType = await testApp.app.inject({ method: "POST", url: "/api/pki/tsa", headers: { "content-type": "text/plain" }, payload: "x" });
    expect(wrongType.statusCode).toBe(415);
    const tooLarge = await testApp.app.inject({
      method: "POST",
      url: "/api/pki/tsa",
      headers: { "content-type": "application/timestamp-query" },
      payload: Buffer.alloc(64 * 1024),
    });
    expect(tooLarge.statusCode).toBe(413);
  });
});

describe("GET /api/pki/crl", () => {
  it("serves a DER CRL of the issuing CA that openssl reads, numbered from 1", async () => {
    const response = await testApp.app.inject({ method: "GET", url: "/api/pki/crl" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pkix-crl");
    const crl = files.write("empty.crl", response.rawPayload);
    const text = await openssl(["crl", "-inform", "DER", "-in", crl, "-noout", "-text"]);
    expect(text.stdout).toContain("pwp Issuing CA");
    expect(text.stdout).toMatch(/X509v3 CRL Number:\s+1\b/);
    // The same CRL again while it is current.
    const again = await testApp.app.inject({ method: "GET", url: "/api/pki/crl" });
    expect(Buffer.compare(again.rawPayload, response.rawPayload)).toBe(0);
  });
});
