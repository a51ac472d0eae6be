// Outside validators must agree with the platform about an issued guarantee (issue 6): poppler's pdfsig with an NSS
// database holding the platform root and MuPDF's `mutool sign -v` on the signed certificate PDF and fee statement,
// and `openssl cms -verify` on the detached CMS over the canonical JSON. pdfsig exits 0 even when a signature fails,
// so the tests read what it prints.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { toPem } from "@pwp/pki/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { issuedGuarantee, prepareAndSign } from "./guarantee-fixtures.ts";

const run = promisify(execFile);

async function runTool(command: string, args: string[]): Promise<{ output: string; exitCode: number }> {
  try {
    const { stdout, stderr } = await run(command, args, { maxBuffer: 16 * 1024 * 1024 });
    return { output: `${stdout}\n${stderr}`, exitCode: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { output: `${failed.stdout ?? ""}\n${failed.stderr ?? ""}`, exitCode: typeof failed.code === "number" ? failed.code : 1 };
  }
}

let testApp: TestApp;
let dir: string;
let nssDir: string;

beforeAll(async () => {
  testApp = await buildTestApp();
  dir = mkdtempSync(path.join(tmpdir(), "pwp-guarantee-validators-"));
  nssDir = path.join(dir, "nss");
  await run("mkdir", ["-p", nssDir]);
  writeFileSync(path.join(dir, "root.pem"), toPem(testApp.app.pki.root.certificateDer, "CERTIFICATE"));
  writeFileSync(path.join(dir, "ca.pem"), toPem(testApp.app.pki.root.certificateDer, "CERTIFICATE") + toPem(testApp.app.pki.issuing.certificateDer, "CERTIFICATE"));
  await run("certutil", ["-N", "--empty-password", "-d", `sql:${nssDir}`]);
  await run("certutil", ["-A", "-d", `sql:${nssDir}`, "-n", "root", "-t", "CT,C,C", "-i", path.join(dir, "root.pem")]);

  const { guarantee, prepared, surety, suretyCertificate } = await issuedGuarantee(testApp);
  const version = await testApp.prisma.guaranteeVersion.findFirstOrThrow({ where: { guaranteeId: guarantee.id, number: 1 } });
  writeFileSync(path.join(dir, "certificate.pdf"), version.certificatePdf);
  writeFileSync(path.join(dir, "fee-statement.pdf"), version.feeStatementPdf ?? new Uint8Array());
  writeFileSync(path.join(dir, "sig.p7s"), version.signedData ?? new Uint8Array());
  // The exact bytes the surety signed: the canonical JSON as UTF-8, as the prepare step returned it.
  writeFileSync(path.join(dir, "doc.json"), Buffer.from(prepared.canonicalJson, "utf8"));
  writeFileSync(path.join(dir, "other.json"), Buffer.from(prepared.canonicalJson.replace('"versionNumber":1', '"versionNumber":2'), "utf8"));

  // A second version (変更: a higher amount), signed the same way: the validators must accept later versions too.
  const changed = await prepareAndSign(testApp, surety.representative, suretyCertificate, guarantee.id, {
    action: "CHANGE",
    version: guarantee.version,
    reason: "보증금액 증액",
    amendment: { guaranteeAmount: guarantee.guaranteeAmount + 1_000_000 },
  });
  if (changed.response.statusCode !== 201) throw new Error(`change: ${changed.response.statusCode} ${changed.response.body}`);
  const second = await testApp.prisma.guaranteeVersion.findFirstOrThrow({ where: { guaranteeId: guarantee.id, number: 2 } });
  writeFileSync(path.join(dir, "certificate-v2.pdf"), second.certificatePdf);
  writeFileSync(path.join(dir, "sig-v2.p7s"), second.signedData ?? new Uint8Array());
  writeFileSync(path.join(dir, "doc-v2.json"), Buffer.from(changed.prepared.canonicalJson, "utf8"));
}, 120_000);

afterAll(async () => {
  await testApp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("outside validators on an issued guarantee", () => {
  it.each(["certificate.pdf", "fee-statement.pdf", "certificate-v2.pdf"])("pdfsig: the one signature of %s is valid, trusted and covers the whole document", async (file) => {
    const { output } = await runTool("pdfsig", ["-nssdir", `sql:${nssDir}`, path.join(dir, file)]);
    const blocks = output.split(/^Signature #\d+:/m).slice(1);
    expect(blocks, output).toHaveLength(1);
    expect(blocks[0], output).toContain("Signature is Valid.");
    expect(blocks[0], output).toContain("Certificate is Trusted.");
    expect(blocks[0], output).toContain("Total document signed");
  });

  it.each(["certificate.pdf", "fee-statement.pdf", "certificate-v2.pdf"])("mutool sign -v: %s verifies and is unchanged since signing", async (file) => {
    const { output } = await runTool("mutool", ["sign", "-v", path.join(dir, file)]);
    const verdicts = output.split(/^Verifying signature \d+:/m).slice(1);
    expect(verdicts, output).toHaveLength(1);
    expect(verdicts[0], output).not.toMatch(/Digest error/);
    expect(verdicts[0], output).toContain("The document is unchanged since signing.");
  });

  it("openssl cms -verify accepts the detached CMS over the canonical JSON (CA file: root + issuing), and refuses other content", async () => {
    const args = (content: string) => ["cms", "-verify", "-binary", "-inform", "DER", "-in", path.join(dir, "sig.p7s"), "-content", path.join(dir, content), "-CAfile", path.join(dir, "ca.pem"), "-purpose", "any", "-out", "/dev/null"];
    const good = await runTool("openssl", args("doc.json"));
    expect(good.exitCode, good.output).toBe(0);
    expect(good.output).toContain("Verification successful");
    const bad = await runTool("openssl", args("other.json"));
    expect(bad.exitCode, bad.output).not.toBe(0);
  });

  it("openssl cms -verify accepts the second version's CMS over its own JSON, not over the first version's", async () => {
    const args = (signature: string, content: string) => ["cms", "-verify", "-binary", "-inform", "DER", "-in", path.join(dir, signature), "-content", path.join(dir, content), "-CAfile", path.join(dir, "ca.pem"), "-purpose", "any", "-out", "/dev/null"];
    const good = await runTool("openssl", args("sig-v2.p7s", "doc-v2.json"));
    expect(good.exitCode, good.output).toBe(0);
    const crossed = await runTool("openssl", args("sig-v2.p7s", "doc.json"));
    expect(crossed.exitCode, crossed.output).not.toBe(0);
  });
});
