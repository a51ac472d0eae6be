// Keys, requests and signatures made the way the browser makes them (WebCrypto + @pwp/pki), and openssl runs.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createSignedData } from "@pwp/pki/cms";
import { createCsr } from "@pwp/pki/csr";

export const runFile = promisify(execFile);

export async function generateKeyPair(kind: "EC" | "RSA" = "EC", modulusLength = 2048): Promise<CryptoKeyPair> {
  const algorithm =
    kind === "EC"
      ? { name: "ECDSA", namedCurve: "P-256" }
      : { name: "RSASSA-PKCS1-v1_5", modulusLength, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };
  return (await crypto.subtle.generateKey(algorithm, false, ["sign", "verify"])) as CryptoKeyPair;
}

/** A base64 CSR; the subject is whatever the browser puts in (the server ignores it). */
export async function makeCsr(keyPair?: CryptoKeyPair): Promise<{ keyPair: CryptoKeyPair; csr: string }> {
  const pair = keyPair ?? (await generateKeyPair());
  const der = await createCsr({ keyPair: pair, subject: { commonName: "whatever the browser says" } });
  return { keyPair: pair, csr: Buffer.from(der).toString("base64") };
}

export async function signChallenge(challenge: string, privateKey: CryptoKey, certificateBase64: string): Promise<string> {
  const der = await createSignedData({
    content: new Uint8Array(Buffer.from(challenge, "base64")),
    signerCertificateDer: new Uint8Array(Buffer.from(certificateBase64, "base64")),
    privateKey,
  });
  return Buffer.from(der).toString("base64");
}

export function tempDir(): { dir: string; file: (name: string) => string; write: (name: string, data: string | Uint8Array) => string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "pwp-cert-test-"));
  return {
    dir,
    file: (name) => path.join(dir, name),
    write: (name, data) => {
      const target = path.join(dir, name);
      writeFileSync(target, data);
      return target;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function openssl(args: string[], cwd?: string) {
  return runFile("openssl", args, cwd ? { cwd } : {}).then(
    (output) => ({ code: 0, stdout: output.stdout, stderr: output.stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** A clock the test moves: the app's services read it. */
export function createClock(start = new Date()) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (date: Date) => {
      current = date.getTime();
    },
  };
}

