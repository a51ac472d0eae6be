import { afterAll, describe, expect, it } from "vitest";
import { parseCertificate } from "../src/certificate.ts";
import { createCsr, parseCsr } from "../src/csr.ts";
import { fromPem, toPem } from "../src/encoding.ts";
import { PkiError } from "../src/errors.ts";
import type { SubjectName } from "../src/names.ts";
import { exportSpki, generateKeyPair, makeTempDir, openssl } from "./pki-fixtures.ts";

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const korean: SubjectName = {
  commonName: "홍길동",
  organizationName: "대한건설 주식회사",
  organizationIdentifier: "KR-1248100998",
  serialNumber: "user-0001",
  country: "KR",
};
const japanese: SubjectName = {
  commonName: "山田 太郎",
  organizationName: "株式会社日本建設",
  organizationIdentifier: "JP-7000012050002",
  serialNumber: "user-0002",
  country: "JP",
};

describe("createCsr", () => {
  for (const [algorithm, subject] of [
    ["EC-P256", korean],
    ["RSA", japanese],
  ] as const) {
    it(`makes a ${algorithm} request that openssl verifies and that parses back with the same subject`, async () => {
      const keyPair = await generateKeyPair(algorithm);
      const der = await createCsr({ keyPair, subject });
      const path = tmp.write(`${algorithm}.csr`, toPem(der, "CERTIFICATE REQUEST"));
      const verified = openssl(["req", "-in", path, "-verify", "-noout"]);
      expect(verified).toMatch(/verify OK|Certificate request self-signature verify OK/);
      const subjectLine = openssl(["req", "-in", path, "-noout", "-subject", "-nameopt", "utf8,sep_comma_plus_space"]);
      expect(subjectLine).toContain(subject.commonName);
      expect(subjectLine).toContain(`subject=C=${subject.country}, O=${subject.organizationName}, organizationIdentifier=${subject.organizationIdentifier}, CN=${subject.commonName}, serialNumber=${subject.serialNumber}`);

      const parsed = await parseCsr(der);
      expect(parsed.isSignatureValid).toBe(true);
      expect(parsed.subject).toEqual(subject);
      expect(parsed.keyAlgorithm).toBe(algorithm);
      expect(parsed.publicKeySpki).toEqual(await exportSpki(keyPair.publicKey));
      if (algorithm === "RSA") expect(parsed.rsaModulusBits).toBe(2048);
    });
  }

  it("refuses keys it cannot sign a request with", async () => {
    const keyPair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, false, ["sign", "verify"])) as CryptoKeyPair;
    await expect(createCsr({ keyPair, subject: korean })).rejects.toMatchObject({ code: "UNSUPPORTED" });
  });
});

describe("parseCsr", () => {
  for (const [algorithm, keyArgs] of [
    ["EC-P256", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]],
    ["RSA", ["-newkey", "rsa:2048"]],
  ] as const) {
    it(`accepts a ${algorithm} request made by openssl req -new`, async () => {
      const csrPath = tmp.file(`openssl-${algorithm}.csr`);
      openssl([
        "req", "-new", ...keyArgs, "-nodes", "-keyout", tmp.file(`openssl-${algorithm}.key`), "-out", csrPath, "-outform", "DER",
        "-utf8", "-subj", "/C=KR/O=대한건설/CN=김철수/serialNumber=user-42",
      ]);
      const parsed = await parseCsr(tmp.read(`openssl-${algorithm}.csr`));
      expect(parsed.isSignatureValid).toBe(true);
      expect(parsed.keyAlgorithm).toBe(algorithm);
      expect(parsed.subject).toEqual({ commonName: "김철수", organizationName: "대한건설", country: "KR", serialNumber: "user-42" });
      const spkiPem = openssl(["req", "-in", csrPath, "-inform", "DER", "-noout", "-pubkey"]);
      expect(parsed.publicKeySpki).toEqual(fromPem(spkiPem)[0]?.der);
    });
  }

  it.each(["EC-P256", "RSA"] as const)("reports a tampered %s request as invalid or malformed, never crashing", async (algorithm) => {
    const keyPair = await generateKeyPair(algorithm);
    const der = await createCsr({ keyPair, subject: korean });
    const outcomes = new Set<string>();
    // Flip the last byte (inside the signature), a byte of the common name, and every 7th byte for good measure.
    const nameOffset = findBytes(der, new TextEncoder().encode("홍길동"));
    expect(nameOffset).toBeGreaterThan(0);
    const positions = [der.length - 1, der.length - 10, nameOffset, nameOffset + 1];
    for (let i = 0; i < der.length; i += 7) positions.push(i);
    for (const position of positions) {
      const tampered = der.slice();
      tampered[position] = (tampered[position] ?? 0) ^ 0x01;
      let outcome: string;
      try {
        outcome = (await parseCsr(tampered)).isSignatureValid ? "valid" : "invalid";
      } catch (error) {
        outcome = error instanceof PkiError ? error.code : `crash: ${String(error)}`;
      }
      outcomes.add(outcome);
      // Every flipped byte is covered by the signature or breaks the encoding: none may still verify.
      expect([position, outcome]).toEqual([position, expect.stringMatching(/^(invalid|MALFORMED|UNSUPPORTED)$/)]);
      if (position === der.length - 1 || position === nameOffset) expect(outcome).toBe("invalid");
    }
    expect(outcomes.has("invalid")).toBe(true);
  });

  it("throws MALFORMED for garbage and for a certificate passed by mistake", async () => {
    await expect(parseCsr(new Uint8Array([1, 2, 3, 4]))).rejects.toMatchObject({ code: "MALFORMED" });
    await expect(parseCsr(new Uint8Array())).rejects.toMatchObject({ code: "MALFORMED" });
    await expect(parseCertificate(new TextEncoder().encode("not a certificate"))).rejects.toMatchObject({ code: "MALFORMED" });
  });
});

function findBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
