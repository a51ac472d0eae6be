// Certificates made by openssl for the import tests: an external root CA (as a national CA would be) and a user
// certificate under it, exported as PKCS#12 with OpenSSL 3's defaults (PBES2/AES-256, which browsers can open).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type ExternalCa = { directory: string; rootPem: string; rootKeyPath: string; rootCertificatePath: string; remove: () => void };

function openssl(directory: string, args: string[]): void {
  execFileSync("openssl", args, { cwd: directory, stdio: "pipe" });
}

/** A self-signed ECDSA P-256 root with CA basic constraints, in its own temporary directory. */
export function createExternalRoot(commonName: string): ExternalCa {
  const directory = mkdtempSync(path.join(tmpdir(), "pwp-e2e-ca-"));
  openssl(directory, ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "root.key"]);
  openssl(directory, [
    "req", "-new", "-x509", "-key", "root.key", "-sha256", "-days", "3650", "-utf8",
    "-subj", `/C=JP/O=E2E Test Certification Authority/CN=${commonName}`,
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    "-out", "root.crt",
  ]);
  return {
    directory,
    rootPem: readFileSync(path.join(directory, "root.crt"), "utf8"),
    rootKeyPath: path.join(directory, "root.key"),
    rootCertificatePath: path.join(directory, "root.crt"),
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}

/**
 * A signing certificate for a user of an organisation, issued by the external root, in a PKCS#12 file (bytes).
 * `subject` is an openssl -subj string, e.g. "/C=JP/organizationIdentifier=JP-6010001000001/O=…/CN=…".
 */
export function createUserPkcs12(ca: ExternalCa, subject: string, password: string, options: { isLegacy?: boolean } = {}): Buffer {
  const { directory } = ca;
  writeFileSync(
    path.join(directory, "user.ext"),
    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=clientAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
  );
  openssl(directory, ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "user.key"]);
  openssl(directory, ["req", "-new", "-key", "user.key", "-sha256", "-utf8", "-subj", subject, "-out", "user.csr"]);
  openssl(directory, [
    "x509", "-req", "-in", "user.csr", "-CA", "root.crt", "-CAkey", "root.key", "-CAcreateserial",
    "-days", "365", "-sha256", "-extfile", "user.ext", "-out", "user.crt",
  ]);
  // Without -legacy OpenSSL 3 encrypts with PBES2/AES-256-CBC and PBKDF2, which the browser import supports;
  // with it, RC2/3DES as older tools did, which the import must refuse with advice.
  openssl(directory, [
    "pkcs12", "-export", ...(options.isLegacy ? ["-legacy"] : []), "-inkey", "user.key", "-in", "user.crt", "-certfile", "root.crt",
    "-name", "e2e signing key", "-passout", `pass:${password}`, "-out", "user.p12",
  ]);
  return readFileSync(path.join(directory, "user.p12"));
}
