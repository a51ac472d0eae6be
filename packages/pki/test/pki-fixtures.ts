// Test helpers: openssl in a temp dir, fresh key pairs, and a small PKI (root → issuing CA → signer + TSA)
// made with our own ca.ts. Node-only (tests may use node:*; src may not).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSelfSignedCa, issueCertificate, randomSerialNumberHex } from "../src/ca.ts";
import type { KeyAlgorithm } from "../src/certificate.ts";
import { toPem } from "../src/encoding.ts";

export const DAY = 86_400_000;

export type TempDir = { path: string; file(name: string): string; write(name: string, data: Uint8Array | string): string; read(name: string): Uint8Array; readText(name: string): string; remove(): void };

export function makeTempDir(prefix = "pwp-pki-"): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    write: (name, data) => {
      writeFileSync(join(path, name), data);
      return join(path, name);
    },
    read: (name) => new Uint8Array(readFileSync(join(path, name))),
    readText: (name) => readFileSync(join(path, name), "utf8"),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

export type OpensslResult = { status: number | null; stdout: string; stderr: string; output: string };

export function runOpenssl(args: string[], options: { cwd?: string; input?: string | Uint8Array } = {}): OpensslResult {
  const result = spawnSync("openssl", args, { cwd: options.cwd, input: options.input, encoding: "utf8", env: { ...process.env, LC_ALL: "C.UTF-8" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}\n${result.stderr}` };
}

/** openssl that must succeed; its output is returned, its failure shown in full. */
export function openssl(args: string[], options: { cwd?: string; input?: string | Uint8Array } = {}): string {
  const result = runOpenssl(args, options);
  if (result.status !== 0) throw new Error(`openssl ${args.join(" ")} failed (${result.status}):\n${result.output}`);
  return result.output;
}

export async function generateKeyPair(algorithm: KeyAlgorithm, extractable = false): Promise<CryptoKeyPair> {
  const params =
    algorithm === "EC-P256"
      ? { name: "ECDSA", namedCurve: "P-256" }
      : { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };
  return crypto.subtle.generateKey(params, extractable, ["sign", "verify"]) as Promise<CryptoKeyPair>;
}

export async function exportSpki(publicKey: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey("spki", publicKey));
}

export async function exportPkcs8Pem(privateKey: CryptoKey): Promise<string> {
  return toPem(new Uint8Array(await crypto.subtle.exportKey("pkcs8", privateKey)), "PRIVATE KEY");
}

export type IssuedCertificate = { der: Uint8Array; keyPair: CryptoKeyPair; serialNumberHex: string };
export type TestPki = { root: IssuedCertificate; issuing: IssuedCertificate; signer: IssuedCertificate; tsa: IssuedCertificate; now: Date };

export const CRL_URL = "http://pki.example.test/crl/issuing.crl";

/** Root (10 y) → issuing CA (5 y) → signer and TSA (1 y), all valid from a day before `now`; keys extractable for openssl. */
export async function makeTestPki(options: { now?: Date; signerAlgorithm?: KeyAlgorithm } = {}): Promise<TestPki> {
  const now = options.now ?? new Date();
  const notBefore = new Date(now.getTime() - DAY);
  const rootKeys = await generateKeyPair("EC-P256", true);
  const rootSerial = randomSerialNumberHex();
  const rootDer = await createSelfSignedCa({
    subject: { commonName: "PWP Test Root CA", organizationName: "공공건설 서류 플랫폼", country: "KR" },
    keyPair: rootKeys,
    serialNumberHex: rootSerial,
    notBefore,
    notAfter: new Date(now.getTime() + 3650 * DAY),
    pathLength: 1,
  });
  const issue = async (issuer: IssuedCertificate, profile: "ISSUING_CA" | "SIGNER" | "TSA", commonName: string, days: number, algorithm: KeyAlgorithm = "EC-P256") => {
    const keyPair = await generateKeyPair(algorithm, true);
    const serialNumberHex = randomSerialNumberHex();
    const der = await issueCertificate({
      issuerCertificateDer: issuer.der,
      issuerPrivateKey: issuer.keyPair.privateKey,
      subject: { commonName, organizationName: "공공건설 서류 플랫폼", country: "KR" },
      subjectPublicKeySpki: await exportSpki(keyPair.publicKey),
      serialNumberHex,
      notBefore,
      notAfter: new Date(now.getTime() + days * DAY),
      profile,
      ...(profile === "ISSUING_CA" ? {} : { crlDistributionPointUrl: CRL_URL }),
    });
    return { der, keyPair, serialNumberHex };
  };
  const root = { der: rootDer, keyPair: rootKeys, serialNumberHex: rootSerial };
  const issuing = await issue(root, "ISSUING_CA", "PWP Test Issuing CA", 1825);
  const signer = await issue(issuing, "SIGNER", "홍길동", 365, options.signerAlgorithm);
  const tsa = await issue(issuing, "TSA", "PWP Test TSA", 365);
  return { root, issuing, signer, tsa, now };
}
