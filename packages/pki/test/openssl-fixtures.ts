// Test certificates made by openssl, not by our own ca.ts: the CMS and TSA tests then also prove that we read what
// another implementation issues. Keys are loaded into WebCrypto from PKCS#8, as an imported key would be.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromPem } from "../src/encoding.ts";

export type KeyKind = "ec" | "rsa";

export type TestIdentity = {
  certificateDer: Uint8Array;
  certificatePath: string;
  keyPath: string;
  privateKey: CryptoKey;
};

export type OpensslPki = {
  dir: string;
  root: TestIdentity;
  issuing: TestIdentity;
  signerEc: TestIdentity;
  signerRsa: TestIdentity;
  tsa: TestIdentity;
  /** Same key, issuer and serial as signerEc but another subject: a certificate an attacker could swap in. */
  signerEcTwin: TestIdentity;
  /** A root nobody trusts, with a signer under it. */
  otherRoot: TestIdentity;
  otherSigner: TestIdentity;
  /** Runs openssl in the fixture directory; returns stdout (throws with stderr on a non-zero exit). */
  openssl: (args: string[], input?: Uint8Array) => string;
  /** Runs openssl and reports exit status and all output, for checks that expect a refusal. */
  tryOpenssl: (args: string[], input?: Uint8Array) => { status: number | null; output: string };
  write: (name: string, bytes: Uint8Array | string) => string;
  read: (name: string) => Uint8Array;
  cleanup: () => void;
};

const EXTENSIONS = `
[req]
distinguished_name = dn
string_mask = utf8only
utf8 = yes

[dn]

[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[issuing]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[signer]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = 1.3.6.1.5.5.7.3.36, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[tsa]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

export async function createOpensslPki(): Promise<OpensslPki> {
  const dir = mkdtempSync(join(tmpdir(), "pwp-pki-"));
  const tryOpenssl = (args: string[], input?: Uint8Array) => {
    const result = spawnSync("openssl", args, { cwd: dir, input, encoding: "utf8", env: { ...process.env, LC_ALL: "C.UTF-8" } });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const openssl = (args: string[], input?: Uint8Array): string => {
    const result = tryOpenssl(args, input);
    if (result.status !== 0) throw new Error(`openssl ${args.join(" ")} failed (${result.status}):\n${result.output}`);
    return result.output;
  };
  const write = (name: string, bytes: Uint8Array | string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const read = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
  write("ext.cnf", EXTENSIONS);

  let serial = 0x1000;
  const makeKey = (name: string, kind: KeyKind) => {
    const algorithm = kind === "ec" ? ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"] : ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"];
    openssl(["genpkey", ...algorithm, "-out", `${name}.key`]);
  };
  const identity = async (name: string, kind: KeyKind): Promise<TestIdentity> => {
    const block = fromPem(readFileSync(join(dir, `${name}.pem`), "utf8"))[0];
    if (!block) throw new Error(`no certificate in ${name}.pem`);
    // genpkey writes PKCS#8 already; going through `pkcs8 -topk8 -nocrypt` is what a user exporting a key would do.
    const pkcs8 = fromPem(openssl(["pkcs8", "-topk8", "-nocrypt", "-in", `${name}.key`]))[0];
    if (!pkcs8) throw new Error(`no key in ${name}.key`);
    const algorithm = kind === "ec" ? { name: "ECDSA", namedCurve: "P-256" } : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
    const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8.der, algorithm, false, ["sign"]);
    return { certificateDer: block.der, certificatePath: join(dir, `${name}.pem`), keyPath: join(dir, `${name}.key`), privateKey };
  };
  const selfSigned = async (name: string, subject: string) => {
    makeKey(name, "ec");
    openssl(["req", "-new", "-x509", "-key", `${name}.key`, "-subj", subject, "-days", "3650", "-sha256", "-set_serial", String(serial++), "-config", "ext.cnf", "-extensions", "root", "-out", `${name}.pem`]);
    return identity(name, "ec");
  };
  const issue = async (name: string, kind: KeyKind, subject: string, issuer: string, profile: string, options: { keyFrom?: string; serial?: number } = {}) => {
    const keyName = options.keyFrom ?? name;
    if (!options.keyFrom) makeKey(name, kind);
    openssl(["req", "-new", "-key", `${keyName}.key`, "-subj", subject, "-config", "ext.cnf", "-out", `${name}.csr`]);
    openssl([
      "x509", "-req", "-in", `${name}.csr`, "-CA", `${issuer}.pem`, "-CAkey", `${issuer}.key`, "-days", "365", "-sha256",
      "-set_serial", String(options.serial ?? serial++), "-extfile", "ext.cnf", "-extensions", profile, "-out", `${name}.pem`,
    ]);
    if (options.keyFrom) writeFileSync(join(dir, `${name}.key`), readFileSync(join(dir, `${keyName}.key`)));
    return identity(name, kind);
  };

  const root = await selfSigned("root", "/C=KR/O=PWP Test/CN=PWP Test Root");
  const issuing = await issue("issuing", "ec", "/C=KR/O=PWP Test/CN=PWP Test Issuing CA", "root", "issuing");
  const signerSerial = serial++;
  const signerEc = await issue("signer-ec", "ec", "/C=KR/O=한국건설 주식회사/CN=김서명", "issuing", "signer", { serial: signerSerial });
  const signerRsa = await issue("signer-rsa", "rsa", "/C=JP/O=日本建設株式会社/CN=山田太郎", "issuing", "signer");
  const tsa = await issue("tsa", "ec", "/C=KR/O=PWP Test/CN=PWP Test TSA", "issuing", "tsa");
  const signerEcTwin = await issue("signer-ec-twin", "ec", "/C=KR/O=한국건설 주식회사/CN=다른사람", "issuing", "signer", { keyFrom: "signer-ec", serial: signerSerial });
  const otherRoot = await selfSigned("other-root", "/C=KR/O=Elsewhere/CN=Untrusted Root");
  const otherSigner = await issue("other-signer", "ec", "/C=KR/O=Elsewhere/CN=Someone", "other-root", "signer");

  return {
    dir, root, issuing, signerEc, signerRsa, tsa, signerEcTwin, otherRoot, otherSigner, openssl, tryOpenssl, write, read,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
