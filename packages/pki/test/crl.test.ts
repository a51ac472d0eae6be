import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCertificate } from "../src/certificate.ts";
import { createCrl, parseCrl, verifyCrlSignature } from "../src/crl.ts";
import { toPem } from "../src/encoding.ts";
import { makeTempDir, makeTestPki, openssl, runOpenssl, type TestPki } from "./pki-fixtures.ts";

const tmp = makeTempDir();
afterAll(() => tmp.remove());

let pki: TestPki;
beforeAll(async () => {
  pki = await makeTestPki();
  tmp.write("root.pem", toPem(pki.root.der, "CERTIFICATE"));
  tmp.write("issuing.pem", toPem(pki.issuing.der, "CERTIFICATE"));
  tmp.write("chain.pem", toPem(pki.root.der, "CERTIFICATE") + toPem(pki.issuing.der, "CERTIFICATE"));
});

const thisUpdate = new Date("2026-11-20T00:00:00Z");
const nextUpdate = new Date("2026-11-27T00:00:00Z");

describe("createCrl", () => {
  it("makes a CRL that openssl reads (serials, reasons, number) and verifies", async () => {
    const revoked = [
      { serialNumberHex: pki.signer.serialNumberHex, revokedAt: new Date("2026-11-19T10:00:00Z"), reason: "keyCompromise" as const },
      { serialNumberHex: "0a1b2c", revokedAt: new Date("2026-11-18T10:00:00Z"), reason: "superseded" as const },
      { serialNumberHex: "ff01", revokedAt: new Date("2026-11-17T10:00:00Z"), reason: "cessationOfOperation" as const },
      { serialNumberHex: "1234", revokedAt: new Date("2026-11-16T10:00:00Z"), reason: "affiliationChanged" as const },
      { serialNumberHex: "05", revokedAt: new Date("2026-11-15T10:00:00Z"), reason: "unspecified" as const },
    ];
    const der = await createCrl({
      issuerCertificateDer: pki.issuing.der,
      issuerPrivateKey: pki.issuing.keyPair.privateKey,
      thisUpdate,
      nextUpdate,
      crlNumber: 42n,
      revoked,
    });
    const path = tmp.write("issuing.crl", der);
    const text = openssl(["crl", "-inform", "DER", "-in", path, "-noout", "-text", "-nameopt", "utf8,sep_comma_plus_space"]);
    expect(text).toContain("Issuer: C=KR, O=공공건설 서류 플랫폼, CN=PWP Test Issuing CA");
    expect(text).toMatch(/X509v3 CRL Number: \n\s+42/);
    expect(text).toContain("X509v3 Authority Key Identifier");
    expect(text).toContain("Last Update: Nov 20 00:00:00 2026 GMT");
    expect(text).toContain("Next Update: Nov 27 00:00:00 2026 GMT");
    expect(text).toContain(`Serial Number: ${pki.signer.serialNumberHex.toUpperCase()}`);
    expect(text).toContain("Serial Number: 0A1B2C");
    expect(text).toContain("Serial Number: FF01");
    expect(text).toMatch(/Serial Number: 0A1B2C\s+Revocation Date: Nov 18 10:00:00 2026 GMT\s+CRL entry extensions:\s+X509v3 CRL Reason Code:\s+Superseded/);
    expect(text).toMatch(/Key Compromise/);
    expect(text).toMatch(/Cessation Of Operation/);
    expect(text).toMatch(/Affiliation Changed/);
    expect(text).toMatch(/Serial Number: 05\s+Revocation Date: Nov 15 10:00:00 2026 GMT\s*(Serial|Signature)/);

    expect(openssl(["crl", "-inform", "DER", "-in", path, "-noout", "-CAfile", tmp.file("chain.pem")])).toContain("verify OK");
    // Signed by the issuing CA, so the root alone does not verify it.
    expect(runOpenssl(["crl", "-inform", "DER", "-in", path, "-noout", "-CAfile", tmp.file("root.pem")]).output).not.toContain("verify OK");

    const parsed = await parseCrl(der);
    const issuing = await parseCertificate(pki.issuing.der);
    expect(parsed).toMatchObject({ issuerDn: issuing.subjectDn, issuer: issuing.subject, thisUpdate, nextUpdate, crlNumber: 42n });
    expect(parsed.authorityKeyIdentifierHex).toBe(issuing.subjectKeyIdentifierHex);
    expect(parsed.revoked).toEqual([
      { ...revoked[0], reasonCode: 1 },
      { ...revoked[1], reasonCode: 4 },
      { ...revoked[2], reasonCode: 5 },
      { ...revoked[3], reasonCode: 3 },
      revoked[4],
    ]);
    expect(await verifyCrlSignature(der, pki.issuing.der)).toBe(true);
    expect(await verifyCrlSignature(der, pki.root.der)).toBe(false);
  });

  it("makes an empty CRL openssl accepts, and a huge CRL number", async () => {
    const der = await createCrl({
      issuerCertificateDer: pki.root.der,
      issuerPrivateKey: pki.root.keyPair.privateKey,
      thisUpdate,
      nextUpdate,
      crlNumber: 2n ** 100n,
      revoked: [],
    });
    const path = tmp.write("root.crl", der);
    expect(openssl(["crl", "-inform", "DER", "-in", path, "-noout", "-CAfile", tmp.file("root.pem")])).toContain("verify OK");
    expect(openssl(["crl", "-inform", "DER", "-in", path, "-noout", "-text"])).toContain("No Revoked Certificates");
    const parsed = await parseCrl(der);
    expect(parsed.crlNumber).toBe(2n ** 100n);
    expect(parsed.revoked).toEqual([]);
  });

  it("refuses a signer certificate without cRLSign and a nextUpdate before thisUpdate", async () => {
    const base = { thisUpdate, nextUpdate, crlNumber: 1, revoked: [] };
    await expect(createCrl({ ...base, issuerCertificateDer: pki.signer.der, issuerPrivateKey: pki.signer.keyPair.privateKey })).rejects.toMatchObject({ code: "WRONG_KEY_USAGE" });
    await expect(
      createCrl({ ...base, nextUpdate: thisUpdate, issuerCertificateDer: pki.issuing.der, issuerPrivateKey: pki.issuing.keyPair.privateKey }),
    ).rejects.toThrow(/nextUpdate/);
  });
});

describe("parseCrl and verifyCrlSignature", () => {
  it("read a CRL made by openssl ca", async () => {
    // A minimal openssl CA database revoking one serial, signed with the issuing CA's key.
    tmp.write("ca.key", await exportKeyPem(pki.issuing.keyPair.privateKey));
    tmp.write("index.txt", `R\t301231000000Z\t261119100000Z,keyCompromise\t0ABC\tunknown\t/CN=x\n`);
    tmp.write("crlnumber", "07\n");
    tmp.write(
      "ca.cnf",
      `[ca]\ndefault_ca=d\n[d]\ndatabase=${tmp.file("index.txt")}\ncrlnumber=${tmp.file("crlnumber")}\ncertificate=${tmp.file("issuing.pem")}\nprivate_key=${tmp.file("ca.key")}\ndefault_md=sha256\ndefault_crl_days=7\n`,
    );
    openssl(["ca", "-config", tmp.file("ca.cnf"), "-gencrl", "-out", tmp.file("openssl.crl")]);
    const der = (await import("../src/encoding.ts")).fromPem(tmp.readText("openssl.crl"))[0]?.der ?? new Uint8Array();
    const parsed = await parseCrl(der);
    expect(parsed.crlNumber).toBe(7n);
    expect(parsed.revoked).toEqual([{ serialNumberHex: "0abc", revokedAt: new Date("2026-11-19T10:00:00Z"), reason: "keyCompromise", reasonCode: 1 }]);
    expect(await verifyCrlSignature(der, pki.issuing.der)).toBe(true);
  });

  it("reject tampering and garbage", async () => {
    const der = await createCrl({
      issuerCertificateDer: pki.issuing.der,
      issuerPrivateKey: pki.issuing.keyPair.privateKey,
      thisUpdate,
      nextUpdate,
      crlNumber: 1,
      revoked: [{ serialNumberHex: "0a", revokedAt: thisUpdate, reason: "keyCompromise" }],
    });
    // Flip a bit in the revoked serial: still parses, no longer verifies.
    const parsedSerialOffset = der.findIndex((_, i) => der[i] === 0x02 && der[i + 1] === 0x01 && der[i + 2] === 0x0a);
    expect(parsedSerialOffset).toBeGreaterThan(0);
    const tampered = der.slice();
    tampered[parsedSerialOffset + 2] = 0x0b;
    expect((await parseCrl(tampered)).revoked[0]?.serialNumberHex).toBe("0b");
    expect(await verifyCrlSignature(tampered, pki.issuing.der)).toBe(false);
    await expect(parseCrl(new Uint8Array([0x30, 0x03, 1, 2, 3]))).rejects.toMatchObject({ code: "MALFORMED" });
    await expect(verifyCrlSignature(new Uint8Array([9, 9, 9]), pki.issuing.der)).rejects.toMatchObject({ code: "MALFORMED" });
  });
});

async function exportKeyPem(privateKey: CryptoKey): Promise<string> {
  return toPem(new Uint8Array(await crypto.subtle.exportKey("pkcs8", privateKey)), "PRIVATE KEY");
}
