import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSelfSignedCa, issueCertificate, randomSerialNumberHex } from "../src/ca.ts";
import { EKU } from "../src/certificate.ts";
import { verifyCertificate } from "../src/chain.ts";
import { createCrl } from "../src/crl.ts";
import { fromPem, toPem } from "../src/encoding.ts";
import { DAY, exportPkcs8Pem, exportSpki, generateKeyPair, makeTempDir, makeTestPki, openssl, runOpenssl, type TestPki } from "./pki-fixtures.ts";

const tmp = makeTempDir();
afterAll(() => tmp.remove());

let pki: TestPki;
let other: TestPki;
beforeAll(async () => {
  pki = await makeTestPki();
  other = await makeTestPki();
});

const HOUR = 3_600_000;

describe("verifyCertificate", () => {
  it("accepts a signer and a TSA certificate chaining to the trusted root", async () => {
    const result = await verifyCertificate({ certificateDer: pki.signer.der, intermediatesDer: [pki.issuing.der], trustedRootsDer: [pki.root.der], at: pki.now });
    expect(result).toMatchObject({ isValid: true });
    expect(result.problem).toBeUndefined();
    expect(result.chain.map((certificate) => certificate.subject.commonName)).toEqual(["홍길동", "PWP Test Issuing CA", "PWP Test Root CA"]);
    const tsa = await verifyCertificate({
      certificateDer: pki.tsa.der,
      // Order and extra certificates do not matter.
      intermediatesDer: [other.issuing.der, pki.signer.der, pki.issuing.der],
      trustedRootsDer: [other.root.der, pki.root.der],
      at: pki.now,
      requiredExtendedKeyUsage: EKU.timeStamping,
    });
    expect(tsa.isValid).toBe(true);
    // The root itself, presented as the certificate, is trusted as it is.
    expect((await verifyCertificate({ certificateDer: pki.root.der, trustedRootsDer: [pki.root.der], at: pki.now })).isValid).toBe(true);
  });

  it("requires the extended key usage asked for", async () => {
    const result = await verifyCertificate({
      certificateDer: pki.signer.der,
      intermediatesDer: [pki.issuing.der],
      trustedRootsDer: [pki.root.der],
      at: pki.now,
      requiredExtendedKeyUsage: EKU.timeStamping,
    });
    expect(result).toMatchObject({ isValid: false, problem: "WRONG_KEY_USAGE" });
  });

  it("judges validity at the given time: expired after notAfter, not yet valid before notBefore", async () => {
    const base = { certificateDer: pki.signer.der, intermediatesDer: [pki.issuing.der], trustedRootsDer: [pki.root.der] };
    expect(await verifyCertificate({ ...base, at: new Date(pki.now.getTime() + 366 * DAY) })).toMatchObject({ isValid: false, problem: "EXPIRED" });
    expect(await verifyCertificate({ ...base, at: new Date(pki.now.getTime() - 2 * DAY) })).toMatchObject({ isValid: false, problem: "NOT_YET_VALID" });
    // An expired intermediate fails the leaf too.
    expect(await verifyCertificate({ ...base, at: new Date(pki.now.getTime() + 1900 * DAY) })).toMatchObject({ isValid: false, problem: "EXPIRED" });
  });

  it("rejects a chain to a root that is not trusted, or with the intermediate missing", async () => {
    const untrusted = await verifyCertificate({ certificateDer: pki.signer.der, intermediatesDer: [pki.issuing.der], trustedRootsDer: [other.root.der], at: pki.now });
    expect(untrusted).toMatchObject({ isValid: false, problem: "UNTRUSTED" });
    expect(untrusted.chain).toHaveLength(2);
    const missing = await verifyCertificate({ certificateDer: pki.signer.der, trustedRootsDer: [pki.root.der], at: pki.now });
    expect(missing).toMatchObject({ isValid: false, problem: "UNTRUSTED" });
    // A self-signed certificate that is not among the trusted roots.
    expect(await verifyCertificate({ certificateDer: other.root.der, trustedRootsDer: [pki.root.der], at: pki.now })).toMatchObject({ problem: "UNTRUSTED" });
  });

  it("rejects a certificate signed by the wrong key", async () => {
    // An impostor CA with the same name as the real issuing CA but its own key.
    const impostorKeys = await generateKeyPair("EC-P256", true);
    const impostor = await createSelfSignedCa({
      subject: { commonName: "PWP Test Issuing CA", organizationName: "공공건설 서류 플랫폼", country: "KR" },
      keyPair: impostorKeys,
      serialNumberHex: randomSerialNumberHex(),
      notBefore: new Date(pki.now.getTime() - DAY),
      notAfter: new Date(pki.now.getTime() + DAY),
    });
    const forged = await issueCertificate({
      issuerCertificateDer: impostor,
      issuerPrivateKey: impostorKeys.privateKey,
      subject: { commonName: "홍길동" },
      subjectPublicKeySpki: await exportSpki(pki.signer.keyPair.publicKey),
      serialNumberHex: randomSerialNumberHex(),
      notBefore: new Date(pki.now.getTime() - DAY),
      notAfter: new Date(pki.now.getTime() + DAY),
      profile: "SIGNER",
    });
    const result = await verifyCertificate({ certificateDer: forged, intermediatesDer: [pki.issuing.der], trustedRootsDer: [pki.root.der], at: pki.now });
    expect(result.isValid).toBe(false);
    expect(["BAD_SIGNATURE", "UNTRUSTED"]).toContain(result.problem);

    // The real certificate with one byte of its subject changed: the issuer's signature no longer matches.
    const tampered = pki.signer.der.slice();
    const nameAt = indexOfBytes(tampered, new TextEncoder().encode("홍길동"));
    tampered[nameAt + 2] = (tampered[nameAt + 2] ?? 0) ^ 0x01;
    const tamperedResult = await verifyCertificate({ certificateDer: tampered, intermediatesDer: [pki.issuing.der], trustedRootsDer: [pki.root.der], at: pki.now });
    expect(tamperedResult).toMatchObject({ isValid: false, problem: "BAD_SIGNATURE" });
  });

  it("refuses an end-entity certificate used as an issuer", async () => {
    // openssl signs with the signer's (non-CA) key without complaint; we must not accept the result.
    tmp.write("ee-issuer.pem", toPem(pki.signer.der, "CERTIFICATE"));
    tmp.write("ee-issuer.key", await exportPkcs8Pem(pki.signer.keyPair.privateKey));
    openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "sub.key", "-out", "sub.csr", "-subj", "/CN=sub"], { cwd: tmp.path });
    openssl(["x509", "-req", "-in", "sub.csr", "-CA", "ee-issuer.pem", "-CAkey", "ee-issuer.key", "-set_serial", "5", "-out", "sub.pem", "-days", "5"], { cwd: tmp.path });
    const sub = fromPem(tmp.readText("sub.pem"))[0]?.der ?? new Uint8Array();
    const result = await verifyCertificate({ certificateDer: sub, intermediatesDer: [pki.signer.der, pki.issuing.der], trustedRootsDer: [pki.root.der], at: new Date() });
    expect(result).toMatchObject({ isValid: false, problem: "WRONG_KEY_USAGE" });
    expect(result.chain).toHaveLength(4);
  });

  it("finds revocation in a valid CRL of the issuer, only when revoked at or before `at`", async () => {
    const revokedAt = new Date(Math.floor((pki.now.getTime() - HOUR) / 1000) * 1000);
    const crl = await createCrl({
      issuerCertificateDer: pki.issuing.der,
      issuerPrivateKey: pki.issuing.keyPair.privateKey,
      thisUpdate: pki.now,
      nextUpdate: new Date(pki.now.getTime() + 7 * DAY),
      crlNumber: 3,
      revoked: [{ serialNumberHex: pki.signer.serialNumberHex, revokedAt, reason: "keyCompromise" }],
    });
    const base = { certificateDer: pki.signer.der, intermediatesDer: [pki.issuing.der], trustedRootsDer: [pki.root.der], crlsDer: [crl] };
    const revoked = await verifyCertificate({ ...base, at: pki.now });
    expect(revoked).toMatchObject({ isValid: false, problem: "REVOKED", revokedAt, revocationReason: "keyCompromise" });
    expect((await verifyCertificate({ ...base, at: revokedAt })).problem).toBe("REVOKED");
    // Signed before the revocation: still valid.
    expect(await verifyCertificate({ ...base, at: new Date(revokedAt.getTime() - 1000) })).toMatchObject({ isValid: true });
    // The TSA, not listed, is unaffected; junk CRLs are ignored.
    expect((await verifyCertificate({ ...base, certificateDer: pki.tsa.der, crlsDer: [crl, new Uint8Array([1, 2])], at: pki.now })).isValid).toBe(true);

    // openssl agrees that the CRL revokes the signer.
    tmp.write("root.pem", toPem(pki.root.der, "CERTIFICATE"));
    tmp.write("issuing.pem", toPem(pki.issuing.der, "CERTIFICATE"));
    tmp.write("signer.pem", toPem(pki.signer.der, "CERTIFICATE"));
    tmp.write("issuing.crl.pem", toPem(crl, "X509 CRL"));
    const check = runOpenssl(["verify", "-crl_check", "-CRLfile", tmp.file("issuing.crl.pem"), "-CAfile", tmp.file("root.pem"), "-untrusted", tmp.file("issuing.pem"), tmp.file("signer.pem")]);
    expect(check.output).toContain("certificate revoked");
  });

  it("ignores a CRL that its issuer did not sign, and finds a revoked intermediate in the root's CRL", async () => {
    // other.issuing signs a CRL listing our signer's serial: wrong issuer, so it does not count.
    const foreign = await createCrl({
      issuerCertificateDer: other.issuing.der,
      issuerPrivateKey: other.issuing.keyPair.privateKey,
      thisUpdate: pki.now,
      nextUpdate: new Date(pki.now.getTime() + DAY),
      crlNumber: 1,
      revoked: [{ serialNumberHex: pki.signer.serialNumberHex, revokedAt: new Date(pki.now.getTime() - DAY), reason: "keyCompromise" }],
    });
    const base = { certificateDer: pki.signer.der, intermediatesDer: [pki.issuing.der], trustedRootsDer: [pki.root.der], at: pki.now };
    expect((await verifyCertificate({ ...base, crlsDer: [foreign] })).isValid).toBe(true);

    const rootCrl = await createCrl({
      issuerCertificateDer: pki.root.der,
      issuerPrivateKey: pki.root.keyPair.privateKey,
      thisUpdate: pki.now,
      nextUpdate: new Date(pki.now.getTime() + DAY),
      crlNumber: 1,
      revoked: [{ serialNumberHex: pki.issuing.serialNumberHex, revokedAt: new Date(pki.now.getTime() - HOUR), reason: "cessationOfOperation" }],
    });
    const result = await verifyCertificate({ ...base, crlsDer: [foreign, rootCrl] });
    expect(result).toMatchObject({ isValid: false, problem: "REVOKED", revocationReason: "cessationOfOperation" });
  });

  it("returns MALFORMED for garbage and skips garbage intermediates", async () => {
    expect(await verifyCertificate({ certificateDer: new Uint8Array([0x30, 0x00]), trustedRootsDer: [pki.root.der], at: pki.now })).toMatchObject({
      isValid: false,
      problem: "MALFORMED",
      chain: [],
    });
    await expect(verifyCertificate({ certificateDer: pki.signer.der, trustedRootsDer: [pki.root.der], at: new Date(Number.NaN) })).rejects.toThrow(TypeError);
    const result = await verifyCertificate({
      certificateDer: pki.signer.der,
      intermediatesDer: [new Uint8Array([7, 7, 7]), pki.issuing.der],
      trustedRootsDer: [pki.root.der],
      at: pki.now,
    });
    expect(result.isValid).toBe(true);
  });

  it("accepts an RSA chain made entirely by openssl", async () => {
    const run = (args: string[]) => openssl(args, { cwd: tmp.path });
    run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ossl-root.key", "-out", "ossl-root.pem", "-days", "30", "-subj", "/C=JP/O=テスト認証局/CN=OpenSSL Root", "-utf8"]);
    run(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "ossl-leaf.key", "-out", "ossl-leaf.csr", "-subj", "/C=JP/CN=佐藤 花子", "-utf8"]);
    tmp.write("leaf.ext", "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n");
    run(["x509", "-req", "-in", "ossl-leaf.csr", "-CA", "ossl-root.pem", "-CAkey", "ossl-root.key", "-CAcreateserial", "-out", "ossl-leaf.pem", "-days", "10", "-extfile", "leaf.ext"]);
    const root = fromPem(tmp.readText("ossl-root.pem"))[0]?.der ?? new Uint8Array();
    const leaf = fromPem(tmp.readText("ossl-leaf.pem"))[0]?.der ?? new Uint8Array();
    const result = await verifyCertificate({ certificateDer: leaf, trustedRootsDer: [root], at: new Date() });
    expect(result.isValid).toBe(true);
    expect(result.chain[0]).toMatchObject({ keyAlgorithm: "RSA", subject: { commonName: "佐藤 花子", country: "JP" } });
    expect(result.chain[1]?.subject.organizationName).toBe("テスト認証局");
  });
});

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error("not found");
}
