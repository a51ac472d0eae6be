import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCertificate } from "../src/certificate.ts";
import { toPem } from "../src/encoding.ts";
import { importPkcs12, LEGACY_PKCS12_MESSAGE } from "../src/pkcs12.ts";
import { exportPkcs12 } from "../src/pkcs12-export.ts";
import { exportPkcs8Pem, makeTempDir, makeTestPki, openssl, runOpenssl, type TestPki } from "./pki-fixtures.ts";

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const PASSWORD = "비밀번호-パスワード-123";
let pki: TestPki;

beforeAll(async () => {
  pki = await makeTestPki();
  tmp.write("signer.pem", toPem(pki.signer.der, "CERTIFICATE"));
  tmp.write("signer.key", await exportPkcs8Pem(pki.signer.keyPair.privateKey));
  tmp.write("chain.pem", toPem(pki.issuing.der, "CERTIFICATE") + toPem(pki.root.der, "CERTIFICATE"));
  // An RSA key and self-signed certificate made by openssl alone.
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa.key", "-out", "rsa.pem", "-days", "5", "-subj", "/C=JP/CN=鈴木 一郎", "-utf8"], { cwd: tmp.path });
});

function exportP12(name: string, args: string[], password = PASSWORD): Uint8Array {
  openssl(["pkcs12", "-export", "-out", name, "-passout", `pass:${password}`, ...args], { cwd: tmp.path });
  return tmp.read(name);
}

async function expectKeyMatchesCertificate(privateKey: CryptoKey, certificateDer: Uint8Array) {
  const info = await parseCertificate(certificateDer);
  const isEc = info.keyAlgorithm === "EC-P256";
  const importParams = isEc ? { name: "ECDSA", namedCurve: "P-256" } : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const signParams = isEc ? { name: "ECDSA", hash: "SHA-256" } : { name: "RSASSA-PKCS1-v1_5" };
  const publicKey = await crypto.subtle.importKey("spki", info.publicKeySpki, importParams, false, ["verify"]);
  const message = new TextEncoder().encode("계약서 / 契約書");
  const signature = await crypto.subtle.sign(signParams, privateKey, message);
  expect(await crypto.subtle.verify(signParams, publicKey, signature, message)).toBe(true);
}

describe("importPkcs12", () => {
  it("opens an EC file made by openssl pkcs12 -export (AES default) with its chain, key non-extractable", async () => {
    const p12 = exportP12("ec.p12", ["-inkey", "signer.key", "-in", "signer.pem", "-certfile", "chain.pem"]);
    // The openssl default really is PBES2/AES, not a legacy algorithm.
    expect(openssl(["pkcs12", "-info", "-in", tmp.file("ec.p12"), "-passin", `pass:${PASSWORD}`, "-noout"])).toMatch(/PBES2.*AES-256-CBC/);
    const imported = await importPkcs12(p12, PASSWORD);
    expect(imported.keyAlgorithm).toBe("EC-P256");
    expect(imported.certificateDer).toEqual(pki.signer.der);
    expect(imported.chainDer).toEqual([pki.issuing.der, pki.root.der]);
    expect(imported.privateKey.extractable).toBe(false);
    expect(imported.privateKey.usages).toEqual(["sign"]);
    await expect(crypto.subtle.exportKey("pkcs8", imported.privateKey)).rejects.toThrow();
    await expectKeyMatchesCertificate(imported.privateKey, imported.certificateDer);
  });

  it("opens an RSA file made by openssl alone", async () => {
    const p12 = exportP12("rsa.p12", ["-inkey", "rsa.key", "-in", "rsa.pem"]);
    const imported = await importPkcs12(p12, PASSWORD);
    expect(imported.keyAlgorithm).toBe("RSA");
    expect(imported.chainDer).toEqual([]);
    expect((await parseCertificate(imported.certificateDer)).subject.commonName).toBe("鈴木 一郎");
    expect(imported.privateKey.extractable).toBe(false);
    await expectKeyMatchesCertificate(imported.privateKey, imported.certificateDer);
  });

  it("says WRONG_PASSWORD for a wrong password, with or without a MAC", async () => {
    const p12 = exportP12("wrong.p12", ["-inkey", "signer.key", "-in", "signer.pem"]);
    await expect(importPkcs12(p12, "not the password")).rejects.toMatchObject({ code: "WRONG_PASSWORD" });
    await expect(importPkcs12(p12, "")).rejects.toMatchObject({ code: "WRONG_PASSWORD" });
    const noMac = exportP12("nomac.p12", ["-inkey", "signer.key", "-in", "signer.pem", "-nomac"]);
    expect((await importPkcs12(noMac, PASSWORD)).certificateDer).toEqual(pki.signer.der);
    await expect(importPkcs12(noMac, "not the password")).rejects.toMatchObject({ code: "WRONG_PASSWORD" });
  });

  it("says LEGACY_ENCRYPTION, with re-export advice, for 3DES and -legacy files", async () => {
    const tripleDes = exportP12("3des.p12", ["-inkey", "signer.key", "-in", "signer.pem", "-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1"]);
    const error = await importPkcs12(tripleDes, PASSWORD).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "LEGACY_ENCRYPTION", message: LEGACY_PKCS12_MESSAGE });
    expect(LEGACY_PKCS12_MESSAGE).toContain("openssl pkcs12 -export");
    // Legacy is reported even with a wrong password: the file cannot be used either way.
    await expect(importPkcs12(tripleDes, "wrong")).rejects.toMatchObject({ code: "LEGACY_ENCRYPTION" });

    // -legacy (RC2-40 certificates) needs openssl's legacy provider; where it exists, test that file too.
    const legacy = runOpenssl(["pkcs12", "-export", "-legacy", "-out", "legacy.p12", "-passout", `pass:${PASSWORD}`, "-inkey", "signer.key", "-in", "signer.pem"], { cwd: tmp.path });
    if (legacy.status === 0) {
      await expect(importPkcs12(tmp.read("legacy.p12"), PASSWORD)).rejects.toMatchObject({ code: "LEGACY_ENCRYPTION" });
    }
    // A key-only 3DES bag inside an otherwise modern file (certificates AES) is legacy as well.
    const mixed = exportP12("mixed.p12", ["-inkey", "signer.key", "-in", "signer.pem", "-keypbe", "PBE-SHA1-3DES"]);
    await expect(importPkcs12(mixed, PASSWORD)).rejects.toMatchObject({ code: "LEGACY_ENCRYPTION" });
  });

  it("says NO_KEY for a certificate-only file", async () => {
    const p12 = exportP12("nokey.p12", ["-nokeys", "-in", "signer.pem"]);
    await expect(importPkcs12(p12, PASSWORD)).rejects.toMatchObject({ code: "NO_KEY" });
  });

  it("says MALFORMED for garbage and for a truncated file", async () => {
    await expect(importPkcs12(new TextEncoder().encode("definitely not a p12"), PASSWORD)).rejects.toMatchObject({ code: "MALFORMED" });
    await expect(importPkcs12(new Uint8Array(), PASSWORD)).rejects.toMatchObject({ code: "MALFORMED" });
    const p12 = exportP12("truncated.p12", ["-inkey", "signer.key", "-in", "signer.pem"]);
    await expect(importPkcs12(p12.slice(0, p12.length / 2), PASSWORD)).rejects.toMatchObject({ code: "MALFORMED" });
  });
});

describe("exportPkcs12", () => {
  it("writes a file that openssl and importPkcs12 open, PBES2/AES-256 with a SHA-256 MAC, key and chain intact", async () => {
    const p12 = await exportPkcs12({
      privateKey: pki.signer.keyPair.privateKey,
      certificateDer: pki.signer.der,
      chainDer: [pki.issuing.der, pki.root.der],
      password: PASSWORD,
      iterations: 2048,
    });
    tmp.write("exported.p12", p12);
    const info = openssl(["pkcs12", "-info", "-in", tmp.file("exported.p12"), "-passin", `pass:${PASSWORD}`, "-noout"]);
    expect(info).toMatch(/MAC: sha256/);
    expect(info).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/);
    const imported = await importPkcs12(p12, PASSWORD);
    expect(imported.certificateDer).toEqual(pki.signer.der);
    expect(imported.chainDer).toEqual([pki.issuing.der, pki.root.der]);
    await expectKeyMatchesCertificate(imported.privateKey, imported.certificateDer);
    await expect(importPkcs12(p12, "wrong")).rejects.toMatchObject({ code: "WRONG_PASSWORD" });
  });
});
