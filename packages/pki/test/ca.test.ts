import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCertificate, randomSerialNumberHex } from "../src/ca.ts";
import { EKU, parseCertificate } from "../src/certificate.ts";
import { createCsr, parseCsr } from "../src/csr.ts";
import { toPem } from "../src/encoding.ts";
import { CRL_URL, DAY, exportSpki, generateKeyPair, makeTempDir, makeTestPki, openssl, runOpenssl, type TestPki } from "./pki-fixtures.ts";

const tmp = makeTempDir();
afterAll(() => tmp.remove());

let pki: TestPki;
let paths: { root: string; issuing: string; signer: string; tsa: string };

beforeAll(async () => {
  pki = await makeTestPki();
  paths = {
    root: tmp.write("root.pem", toPem(pki.root.der, "CERTIFICATE")),
    issuing: tmp.write("issuing.pem", toPem(pki.issuing.der, "CERTIFICATE")),
    signer: tmp.write("signer.pem", toPem(pki.signer.der, "CERTIFICATE")),
    tsa: tmp.write("tsa.pem", toPem(pki.tsa.der, "CERTIFICATE")),
  };
});

const textOf = (path: string) => openssl(["x509", "-in", path, "-noout", "-text", "-nameopt", "utf8,sep_comma_plus_space"]);

describe("a root → issuing CA → signer + TSA chain made by ca.ts", () => {
  it("passes openssl verify for the signer and the TSA", () => {
    for (const leaf of [paths.signer, paths.tsa]) {
      expect(openssl(["verify", "-CAfile", paths.root, "-untrusted", paths.issuing, leaf])).toContain(": OK");
    }
    expect(openssl(["verify", "-CAfile", paths.root, paths.issuing])).toContain(": OK");
    // openssl's own purpose checks agree with the profiles.
    expect(openssl(["verify", "-purpose", "timestampsign", "-CAfile", paths.root, "-untrusted", paths.issuing, paths.tsa])).toContain(": OK");
    expect(runOpenssl(["verify", "-purpose", "timestampsign", "-CAfile", paths.root, "-untrusted", paths.issuing, paths.signer]).status).not.toBe(0);
    // Without the issuing CA there is no path.
    expect(runOpenssl(["verify", "-CAfile", paths.root, paths.signer]).status).not.toBe(0);
  });

  it("gives the root and the issuing CA critical CA basicConstraints and keyUsage", () => {
    const root = textOf(paths.root);
    expect(root).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:1/);
    expect(root).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(root).toContain("X509v3 Subject Key Identifier");
    expect(root).toContain("O=공공건설 서류 플랫폼");
    const issuing = textOf(paths.issuing);
    expect(issuing).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
    expect(issuing).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(issuing).toContain("X509v3 Authority Key Identifier");
  });

  it("gives the signer non-repudiation keyUsage (critical), documentSigning + emailProtection + clientAuth, CA:FALSE and the CRL URL", () => {
    const signer = textOf(paths.signer);
    expect(signer).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(signer).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(signer).toMatch(/X509v3 Extended Key Usage: \n\s+1\.3\.6\.1\.5\.5\.7\.3\.36, E-mail Protection, TLS Web Client Authentication/);
    expect(signer).toContain(`URI:${CRL_URL}`);
    // One attribute per RDN (a multi-valued RDN would print as "C=KR + O=…").
    expect(signer).toContain("Subject: C=KR, O=공공건설 서류 플랫폼, CN=홍길동");
    expect(signer).toContain("Issuer: C=KR, O=공공건설 서류 플랫폼, CN=PWP Test Issuing CA");
  });

  it("gives the TSA a critical timeStamping EKU and critical keyUsage", () => {
    const tsa = textOf(paths.tsa);
    expect(tsa).toMatch(/X509v3 Extended Key Usage: critical\s+Time Stamping/);
    expect(tsa).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(tsa).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
  });

  it("reads back the same facts with parseCertificate", async () => {
    const root = await parseCertificate(pki.root.der);
    const issuing = await parseCertificate(pki.issuing.der);
    const signer = await parseCertificate(pki.signer.der);
    const tsa = await parseCertificate(pki.tsa.der);
    expect(root).toMatchObject({ isCa: true, pathLength: 1, isSelfIssued: true, keyUsage: ["keyCertSign", "cRLSign"], isKeyUsageCritical: true, keyAlgorithm: "EC-P256" });
    expect(root.subjectKeyIdentifierHex).toBe(root.authorityKeyIdentifierHex);
    expect(issuing).toMatchObject({ isCa: true, pathLength: 0, isSelfIssued: false, issuerDn: root.subjectDn });
    expect(issuing.authorityKeyIdentifierHex).toBe(root.subjectKeyIdentifierHex);
    expect(signer).toMatchObject({
      serialNumberHex: pki.signer.serialNumberHex,
      subject: { commonName: "홍길동", organizationName: "공공건설 서류 플랫폼", country: "KR" },
      subjectDn: "C=KR, O=공공건설 서류 플랫폼, CN=홍길동",
      issuerDn: issuing.subjectDn,
      isCa: false,
      keyUsage: ["digitalSignature", "nonRepudiation"],
      extendedKeyUsage: [EKU.documentSigning, EKU.emailProtection, EKU.clientAuth],
      isExtendedKeyUsageCritical: false,
      crlDistributionPoints: [CRL_URL],
    });
    expect(signer.authorityKeyIdentifierHex).toBe(issuing.subjectKeyIdentifierHex);
    expect(signer.publicKeySpki).toEqual(await exportSpki(pki.signer.keyPair.publicKey));
    expect(tsa).toMatchObject({ extendedKeyUsage: [EKU.timeStamping], isExtendedKeyUsageCritical: true });

    // Serial, fingerprint and dates agree with openssl.
    const fingerprint = openssl(["x509", "-in", paths.signer, "-noout", "-fingerprint", "-sha256", "-serial"]);
    expect(fingerprint.replace(/:/g, "").toLowerCase()).toContain(signer.fingerprintSha256Hex);
    expect(fingerprint.toLowerCase()).toContain(`serial=${signer.serialNumberHex}`);
    // The SKI is RFC 5280 method 1, the same value openssl computes for the key.
    expect(textOf(paths.signer).replace(/:/g, "").toLowerCase()).toContain(signer.subjectKeyIdentifierHex);
    expect(signer.notAfter.getTime()).toBeGreaterThan(signer.notBefore.getTime());
  });
});

describe("issueCertificate", () => {
  it("issues from an RSA CSR made by createCsr, with a Japanese subject, and openssl verifies it", async () => {
    const keyPair = await generateKeyPair("RSA");
    const csr = await parseCsr(await createCsr({ keyPair, subject: { commonName: "山田 太郎", organizationName: "株式会社日本建設", organizationIdentifier: "JP-7000012050002", country: "JP" } }));
    const der = await issueCertificate({
      issuerCertificateDer: pki.issuing.der,
      issuerPrivateKey: pki.issuing.keyPair.privateKey,
      subject: csr.subject,
      subjectPublicKeySpki: csr.publicKeySpki,
      serialNumberHex: "ff" + randomSerialNumberHex().slice(2),
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + 30 * DAY),
      profile: "SIGNER",
    });
    const path = tmp.write("rsa-signer.pem", toPem(der, "CERTIFICATE"));
    expect(openssl(["verify", "-CAfile", paths.root, "-untrusted", paths.issuing, path])).toContain(": OK");
    const info = await parseCertificate(der);
    expect(info).toMatchObject({ keyAlgorithm: "RSA", rsaModulusBits: 2048, crlDistributionPoints: [] });
    expect(info.subject.commonName).toBe("山田 太郎");
    expect(info.subject.organizationIdentifier).toBe("JP-7000012050002");
    // A serial with the top bit set gets a sign byte in DER but reads back without it.
    expect(info.serialNumberHex.startsWith("ff")).toBe(true);
    expect(textOf(path)).toContain("organizationIdentifier=JP-7000012050002");
  });

  it("refuses a wrong issuer key, a non-CA issuer, and dates in the wrong order", async () => {
    const base = {
      subject: { commonName: "x" },
      subjectPublicKeySpki: await exportSpki(pki.signer.keyPair.publicKey),
      serialNumberHex: randomSerialNumberHex(),
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + DAY),
      profile: "SIGNER" as const,
    };
    await expect(issueCertificate({ ...base, issuerCertificateDer: pki.issuing.der, issuerPrivateKey: pki.root.keyPair.privateKey })).rejects.toMatchObject({ code: "BAD_SIGNATURE" });
    await expect(issueCertificate({ ...base, issuerCertificateDer: pki.signer.der, issuerPrivateKey: pki.signer.keyPair.privateKey })).rejects.toMatchObject({ code: "WRONG_KEY_USAGE" });
    await expect(
      issueCertificate({ ...base, issuerCertificateDer: pki.issuing.der, issuerPrivateKey: pki.issuing.keyPair.privateKey, notAfter: base.notBefore }),
    ).rejects.toThrow(/notAfter/);
  });

  it("writes GeneralizedTime for dates from 2050", async () => {
    const der = await issueCertificate({
      issuerCertificateDer: pki.root.der,
      issuerPrivateKey: pki.root.keyPair.privateKey,
      subject: { commonName: "long-lived" },
      subjectPublicKeySpki: await exportSpki(pki.signer.keyPair.publicKey),
      serialNumberHex: randomSerialNumberHex(),
      notBefore: new Date("2049-12-31T00:00:00Z"),
      notAfter: new Date("2051-01-01T00:00:00Z"),
      profile: "TSA",
    });
    const info = await parseCertificate(der);
    expect(info.notAfter.toISOString()).toBe("2051-01-01T00:00:00.000Z");
    expect(openssl(["x509", "-inform", "DER", "-noout", "-enddate"], { input: der })).toContain("Jan  1 00:00:00 2051 GMT");
  });

  it("makes random serials of 16 bytes with the top bit clear", () => {
    const serials = new Set(Array.from({ length: 50 }, () => randomSerialNumberHex()));
    expect(serials.size).toBe(50);
    for (const serial of serials) {
      expect(serial).toMatch(/^[0-7][0-9a-f]{31}$/);
    }
  });
});
