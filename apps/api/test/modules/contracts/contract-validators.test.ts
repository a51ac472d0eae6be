// Outside validators must agree with the platform about a completed contract (issue 5): poppler's pdfsig with an
// NSS database holding the platform root, MuPDF's `mutool sign -v` and `qpdf --check`. pdfsig exits 0 even when a
// signature fails, so the tests read what it prints.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toPem } from "@pwp/pki/encoding";
import { extractPdfSignatures } from "@pwp/pki/pades";
import { verifyPlatformPdf } from "../../../src/lib/pki/pdf-verification.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { currentPdf, sentContract, signAndPost } from "./signing-fixtures.ts";

const run = promisify(execFile);

/** stdout and stderr together, whatever the exit code (pdfsig and mutool write verdicts to either). */
async function runTool(command: string, args: string[]): Promise<{ output: string; exitCode: number }> {
  try {
    const { stdout, stderr } = await run(command, args, { maxBuffer: 16 * 1024 * 1024 });
    return { output: `${stdout}\n${stderr}`, exitCode: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { output: `${failed.stdout ?? ""}\n${failed.stderr ?? ""}`, exitCode: typeof failed.code === "number" ? failed.code : 1 };
  }
}

/** pdfsig's report split per signature ("Signature #1:" …). */
function pdfsigBlocks(output: string): string[] {
  return output.split(/^Signature #\d+:/m).slice(1);
}

let testApp: TestApp;
let dir: string;
let nssDir: string;
let completedPdf: Uint8Array;

beforeAll(async () => {
  testApp = await buildTestApp();
  dir = mkdtempSync(path.join(tmpdir(), "pwp-contract-validators-"));
  nssDir = path.join(dir, "nss");
  await run("mkdir", ["-p", nssDir]);
  writeFileSync(path.join(dir, "root.pem"), toPem(testApp.app.pki.root.certificateDer, "CERTIFICATE"));
  await run("certutil", ["-N", "--empty-password", "-d", `sql:${nssDir}`]);
  await run("certutil", ["-A", "-d", `sql:${nssDir}`, "-n", "root", "-t", "CT,C,C", "-i", path.join(dir, "root.pem")]);

  const { orderer, contractor, contract, ordererCertificate, contractorCertificate } = await sentContract(testApp);
  const first = await signAndPost(testApp, contractor.representative, contractorCertificate, contract.id, "CONTRACTOR");
  if (first.response.statusCode !== 201) throw new Error(`contractor signature: ${first.response.body}`);
  const second = await signAndPost(testApp, orderer.representative, ordererCertificate, contract.id, "ORDERER");
  if (second.response.statusCode !== 201) throw new Error(`orderer signature: ${second.response.body}`);
  completedPdf = await currentPdf(testApp, orderer.staff, contract.id);
  writeFileSync(path.join(dir, "completed.pdf"), completedPdf);
}, 120_000);

afterAll(async () => {
  await testApp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * A copy with one letter of the first revision changed (in the producer string of its document information, so the
 * file stays well-formed with every offset in place): both signatures cover it.
 */
function tamperedCopy(): Uint8Array {
  const copy = Buffer.from(completedPdf);
  const at = copy.toString("latin1").indexOf("/Producer ");
  if (at < 0) throw new Error("no /Producer in the contract PDF");
  // pdf-lib writes it as a hex string <FEFF…>; a literal (…) string is handled too. Either way one character changes.
  const first = at + "/Producer ".length + (copy[at + "/Producer ".length] === 0x3c ? 5 : 1);
  copy[first] = copy[first] === 0x34 ? 0x35 : 0x34;
  return new Uint8Array(copy);
}

describe("outside validators on a completed contract", () => {
  it("pdfsig: both signatures valid and trusted, the last one over the whole document", async () => {
    const { output } = await runTool("pdfsig", ["-nssdir", `sql:${nssDir}`, path.join(dir, "completed.pdf")]);
    const blocks = pdfsigBlocks(output);
    expect(blocks, output).toHaveLength(2);
    for (const block of blocks) {
      expect(block, output).toContain("Signature is Valid.");
      expect(block, output).toContain("Certificate is Trusted.");
    }
    expect(blocks[1], output).toContain("Total document signed");
    expect(blocks[0], output).not.toMatch(/^\s*- Total document signed/m);
  });

  it("mutool sign -v: each signature's digest verifies; the document is unchanged since the last one", async () => {
    const { output } = await runTool("mutool", ["sign", "-v", path.join(dir, "completed.pdf")]);
    const verdicts = output.split(/^Verifying signature \d+:/m).slice(1);
    expect(verdicts, output).toHaveLength(2);
    for (const verdict of verdicts) expect(verdict, output).not.toMatch(/Digest error/);
    // MuPDF 1.21 (Debian's mupdf-tools) calls a signature "edited since signing" as soon as any bytes follow its
    // byte range (pdf_signature_incremental_change_since_signing compares the file size with the range's end), so
    // an earlier signature of a file with two incremental signatures can only ever get this verdict; its digest
    // still verifies, which is what the line says.
    expect(verdicts[0], output).toContain("The signature is valid but there have been edits since signing.");
    expect(verdicts[1], output).toContain("The document is unchanged since signing.");
  });

  it("mutool sign -v: each signed revision, cut where its signature ends, is unchanged since signing", async () => {
    const signatures = extractPdfSignatures(completedPdf);
    expect(signatures).toHaveLength(2);
    for (const [index, signature] of signatures.entries()) {
      const file = path.join(dir, `revision-${index + 1}.pdf`);
      writeFileSync(file, completedPdf.subarray(0, signature.revisionLength));
      const { output } = await runTool("mutool", ["sign", "-v", file]);
      const verdicts = output.split(/^Verifying signature \d+:/m).slice(1);
      expect(verdicts, output).toHaveLength(index + 1);
      expect(verdicts.at(-1), output).toContain("The document is unchanged since signing.");
    }
  });

  it("qpdf --check: no errors", async () => {
    const { output, exitCode } = await runTool("qpdf", ["--check", path.join(dir, "completed.pdf")]);
    expect(exitCode, output).toBe(0);
    expect(output).toContain("No syntax or stream encoding errors found");
  });

  it("a tampered copy is invalid for pdfsig and for the platform's verifier", async () => {
    const tampered = tamperedCopy();
    writeFileSync(path.join(dir, "tampered.pdf"), tampered);
    const { output } = await runTool("pdfsig", ["-nssdir", `sql:${nssDir}`, path.join(dir, "tampered.pdf")]);
    const blocks = pdfsigBlocks(output);
    expect(blocks, output).toHaveLength(2);
    for (const block of blocks) expect(block, output).not.toContain("Signature is Valid.");

    const { signatures } = await verifyPlatformPdf(testApp.prisma, testApp.app.pki, tampered, { now: new Date() });
    expect(signatures).toHaveLength(2);
    for (const signature of signatures) {
      expect(signature.isValid).toBe(false);
      expect(signature.problems).toContain("DIGEST_MISMATCH");
    }
    // The untouched file still verifies.
    const genuine = await verifyPlatformPdf(testApp.prisma, testApp.app.pki, completedPdf, { now: new Date() });
    expect(genuine.signatures.map((signature) => signature.isValid)).toEqual([true, true]);
  });
});
