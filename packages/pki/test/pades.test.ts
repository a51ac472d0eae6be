// PAdES B-T in PDF: two signatures added as incremental updates to a pdf-lib document, checked by our verifier and by
// the outside tools that must agree (pdfsig, mutool, qpdf, openssl cms, openssl ts); tampering, later changes to
// the content, revoked and expired signers, and malformed files.
import { spawnSync } from "node:child_process";
import { PDFDocument, PDFName, PDFRef, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCertificate, randomSerialNumberHex } from "../src/ca.ts";
import { parseCertificate } from "../src/certificate.ts";
import { checkSigner, loadSignedData } from "../src/cms.ts";
import { createCrl } from "../src/crl.ts";
import { toPem } from "../src/encoding.ts";
import { isPkiError } from "../src/errors.ts";
import {
  DEFAULT_CONTENTS_SIZE,
  bytesToSign,
  embedSignature,
  extractPdfSignatures,
  preparePdfSignature,
  signPdf,
  verifyPdfSignatures,
  type PadesSigner,
  type PdfTrust,
} from "../src/pades.ts";
import { appendIncrementalUpdate } from "../src/pdf-incremental-update.ts";
import { PdfFile, serializeObject } from "../src/pdf-file.ts";
import { createTimestampRequest, createTimestampResponse, parseTimestampResponse } from "../src/tsa.ts";
import { CRL_URL, DAY, exportSpki, generateKeyPair, makeTempDir, makeTestPki, runOpenssl, type TempDir, type TestPki } from "./pki-fixtures.ts";

const KOREAN_TITLE = "공사 도급 표준계약서";
const JAPANESE_SUBJECT = "工事請負契約書（標準様式）";
const POLICY = "1.3.6.1.4.1.99999.1.1";

let pki: TestPki;
let dir: TempDir;
let nssDir: string;
let trust: PdfTrust;
let basePdf: Uint8Array;
let twiceSigned: Uint8Array;

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: "utf8", env: { ...process.env, LC_ALL: "C.UTF-8" } });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

async function requestTimestamp(signatureValue: Uint8Array, genTime = new Date()): Promise<Uint8Array> {
  const responseDer = await createTimestampResponse({
    requestDer: await createTimestampRequest({ data: signatureValue }),
    tsaCertificateDer: pki.tsa.der,
    tsaPrivateKey: pki.tsa.keyPair.privateKey,
    certificatesDer: [pki.issuing.der],
    genTime,
    serialNumberHex: randomSerialNumberHex(),
    policyOid: POLICY,
  });
  const response = await parseTimestampResponse(responseDer);
  if (!response.tokenDer) throw new Error("no token");
  return response.tokenDer;
}

function signer(overrides: Partial<PadesSigner> = {}): PadesSigner {
  return { privateKey: pki.signer.keyPair.privateKey, certificateDer: pki.signer.der, chainDer: [pki.issuing.der], requestTimestamp, ...overrides };
}

async function makeBasePdf(useObjectStreams = false): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.setTitle(KOREAN_TITLE);
  document.setSubject(JAPANESE_SUBJECT);
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const label of ["Page 1: contract terms", "Page 2: signatures"]) {
    const page = document.addPage([595, 842]);
    page.drawText(label, { x: 72, y: 760, size: 14, font });
  }
  return document.save({ useObjectStreams });
}

/** xorshift32: the same "random" flips on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

function pdfsig(pdf: Uint8Array, fileName: string): string {
  return run("pdfsig", ["-nssdir", `sql:${nssDir}`, dir.write(fileName, pdf)]).output;
}

beforeAll(async () => {
  pki = await makeTestPki();
  dir = makeTempDir("pwp-pades-");
  dir.write("root.pem", toPem(pki.root.der, "CERTIFICATE"));
  dir.write("issuing.pem", toPem(pki.issuing.der, "CERTIFICATE"));
  nssDir = dir.file("nss");
  run("mkdir", ["-p", nssDir]);
  expect(run("certutil", ["-N", "--empty-password", "-d", `sql:${nssDir}`]).status).toBe(0);
  expect(run("certutil", ["-A", "-d", `sql:${nssDir}`, "-n", "root", "-t", "CT,C,C", "-i", dir.file("root.pem")]).status).toBe(0);
  trust = { trustedRootsDer: [pki.root.der], intermediatesDer: [pki.issuing.der] };

  basePdf = await makeBasePdf();
  const once = await signPdf(basePdf, { ...signer(), fieldName: "OrdererSignature", signerName: "홍길동", reason: "계약 내용에 동의합니다", location: "서울", claimedSigningTime: new Date() });
  twiceSigned = await signPdf(once, { ...signer(), fieldName: "ContractorSignature", signerName: "山田太郎", reason: "契約内容に同意します", location: "東京", contactInfo: "yamada@example.jp" });
}, 120_000);

afterAll(() => dir?.remove());

describe("two signatures as incremental updates", () => {
  it("appends to the exact base bytes and reserves the default /Contents", async () => {
    expect(DEFAULT_CONTENTS_SIZE).toBe(24 * 1024);
    const prepared = await preparePdfSignature(basePdf, { fieldName: "Probe" });
    expect(prepared.pdf.subarray(0, basePdf.length)).toEqual(basePdf);
    const [start, gapStart, gapEnd, rest] = prepared.byteRange;
    expect(start).toBe(0);
    expect(gapEnd - gapStart).toBe(DEFAULT_CONTENTS_SIZE * 2 + 2);
    expect(gapEnd + rest).toBe(prepared.pdf.length);
    expect(bytesToSign(prepared).length).toBe(prepared.pdf.length - (gapEnd - gapStart));
    const text = new TextDecoder("latin1").decode(prepared.pdf.subarray(basePdf.length));
    expect(text).toContain("/SubFilter /ETSI.CAdES.detached");
    expect(text).toMatch(/\/Prev \d+/);
    expect(text).toContain("/SigFlags 3");
    expect(text).toContain("/F 132");
  });

  it("our verifier: both valid with time-stamps; only the last covers the whole document", async () => {
    const results = await verifyPdfSignatures(twiceSigned, trust);
    expect(results.map((result) => [result.fieldName, result.isValid, result.problems, result.coversWholeDocument])).toEqual([
      ["OrdererSignature", true, [], false],
      ["ContractorSignature", true, [], true],
    ]);
    const [first, second] = results;
    expect(first?.signerName).toBe("홍길동");
    expect(first?.reason).toBe("계약 내용에 동의합니다");
    expect(second?.signerName).toBe("山田太郎");
    expect(second?.reason).toBe("契約内容に同意します");
    expect(first?.claimedSigningTime).toBeInstanceOf(Date);
    for (const result of results) {
      expect(result.subFilter).toBe("ETSI.CAdES.detached");
      expect(result.timestamp).toMatchObject({ isValid: true, authority: expect.stringContaining("PWP Test TSA") });
      expect(result.signer?.subjectDn).toContain("홍길동");
      expect(result.chain.map((certificate) => certificate.subjectDn)).toEqual([
        expect.stringContaining("홍길동"),
        expect.stringContaining("PWP Test Issuing CA"),
        expect.stringContaining("PWP Test Root CA"),
      ]);
    }
    expect(first?.revisionLength).toBeLessThan(second?.revisionLength ?? 0);
    expect(second?.revisionLength).toBe(twiceSigned.length);

    const extracted = extractPdfSignatures(twiceSigned);
    expect(extracted.map((signature) => signature.fieldName)).toEqual(["OrdererSignature", "ContractorSignature"]);
    // /Contents is trimmed to the DER length: openssl reads it as one CMS.
    expect(loadSignedData(extracted[0]?.contentsDer ?? new Uint8Array()).signatureValue.length).toBeGreaterThan(0);
  });

  it("pdfsig: both signatures valid, the last one signs the total document", () => {
    const output = pdfsig(twiceSigned, "twice.pdf");
    expect(output.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    const [, first, second] = output.split(/Signature #\d:/);
    expect(first).toContain("Not total document signed");
    expect(second).toContain("Total document signed");
    expect(output).toContain("Signature Type: ETSI.CAdES.detached");
    // NSS checks document signers with its e-mail signer usage: the SIGNER profile carries emailProtection for it,
    // and /M is always written (pdfsig checks the certificate at /M, at 1970 without it). pdfsig 22.12 reports
    // "Unknown issue with Certificate" for the certificate of every signature after the first, whoever signed it
    // and whatever the chain (tried: the same and different signers, with and without intermediates or
    // time-stamps, -no-ocsp), while its signature check still says valid.
    expect(first).toContain("Certificate Validation: Certificate is Trusted.");
  });

  it("mutool: each signature's digest holds and its revision is unchanged since signing", () => {
    for (const [index, signature] of extractPdfSignatures(twiceSigned).entries()) {
      const output = run("mutool", ["sign", "-v", dir.write(`revision-${index}.pdf`, twiceSigned.subarray(0, signature.revisionLength))]).output;
      expect(output).not.toContain("Digest error");
      expect(output.trim().split("\n").at(-1)).toContain("The document is unchanged since signing.");
    }
    // On the whole file mutool calls any byte after a signature's range an edit: the first has them, the last not.
    const output = run("mutool", ["sign", "-v", dir.write("twice-mutool.pdf", twiceSigned)]).output;
    expect(output).not.toContain("Digest error");
    expect(output.match(/The signature is valid but there have been edits since signing\./g)).toHaveLength(1);
    expect(output.match(/The document is unchanged since signing\./g)).toHaveLength(1);
  });

  it("qpdf --check finds no errors", () => {
    const result = run("qpdf", ["--check", dir.write("twice-qpdf.pdf", twiceSigned)]);
    expect(result.output).toContain("No syntax or stream encoding errors found");
    expect(result.status).toBe(0);
  });

  it("openssl cms -verify accepts each CMS over its byte range, and openssl ts -verify each time-stamp", async () => {
    for (const [index, signature] of extractPdfSignatures(twiceSigned).entries()) {
      const content = bytesToSign({ pdf: twiceSigned, byteRange: signature.byteRange });
      const cms = runOpenssl([
        "cms", "-verify", "-binary", "-inform", "DER", "-in", dir.write(`sig-${index}.der`, signature.contentsDer),
        "-content", dir.write(`range-${index}.bin`, content), "-CAfile", dir.file("root.pem"), "-certfile", dir.file("issuing.pem"),
        "-purpose", "any", "-out", "/dev/null",
      ]);
      expect(cms.output).toContain("Verification successful");
      const loaded = loadSignedData(signature.contentsDer);
      const check = await checkSigner(loaded, { content });
      expect(check.problem).toBeUndefined();
      const [token] = check.timestampTokensDer;
      const ts = runOpenssl([
        "ts", "-verify", "-data", dir.write(`value-${index}.bin`, loaded.signatureValue), "-in", dir.write(`token-${index}.der`, token as Uint8Array),
        "-token_in", "-CAfile", dir.file("root.pem"), "-untrusted", dir.file("issuing.pem"),
      ]);
      expect(ts.output).toContain("Verification: OK");
    }
  });

  it("signs a base whose cross-reference is a stream (object streams) with a cross-reference stream update", async () => {
    const compressed = await makeBasePdf(true);
    const signed = await signPdf(await signPdf(compressed, { ...signer(), fieldName: "A" }), { ...signer(), fieldName: "B" });
    const results = await verifyPdfSignatures(signed, trust);
    expect(results.map((result) => [result.fieldName, result.isValid, result.problems])).toEqual([
      ["A", true, []],
      ["B", true, []],
    ]);
    expect(pdfsig(signed, "compressed.pdf").match(/Signature is Valid\./g)).toHaveLength(2);
    expect(run("qpdf", ["--check", dir.write("compressed-qpdf.pdf", signed)]).output).toContain("No syntax or stream encoding errors found");
  });

  it("refuses a field name that exists already", async () => {
    await expect(preparePdfSignature(twiceSigned, { fieldName: "OrdererSignature" })).rejects.toSatisfy(
      (error: unknown) => isPkiError(error, "FIELD_EXISTS") && /OrdererSignature/.test((error as Error).message),
    );
    await expect(preparePdfSignature(basePdf, { fieldName: "a.b" })).rejects.toSatisfy((error: unknown) => isPkiError(error, "MALFORMED"));
  });

  it("keeps existing annotations and form fields (direct and indirect arrays)", async () => {
    const document = await PDFDocument.load(basePdf);
    const form = document.getForm();
    form.createTextField("contract.number").setText("2026-001");
    form.getTextField("contract.number").addToPage(document.getPage(1), { x: 72, y: 600, width: 200, height: 20 });
    const withForm = await document.save({ useObjectStreams: false });
    const signed = await signPdf(withForm, { ...signer(), fieldName: "Signer" });
    const file = PdfFile.open(signed);
    expect(file.fields().map((field) => field.fullName)).toEqual(expect.arrayContaining(["contract", "contract.number", "Signer"]));
    const lastPage = file.dict(file.pageRefs().at(-1));
    expect(file.array(lastPage?.get(PDFName.of("Annots")))?.size()).toBe(2);
    const [result] = await verifyPdfSignatures(signed, trust);
    expect(result).toMatchObject({ fieldName: "Signer", isValid: true });
  });

  it("embedSignature refuses a CMS larger than the reserved space, naming contentsSize", async () => {
    const prepared = await preparePdfSignature(basePdf, { fieldName: "Small", contentsSize: 1024 });
    expect(() => embedSignature(prepared, new Uint8Array(1025))).toThrow(/contentsSize/);
  });
});

describe("tampering and later changes", () => {
  it("100 random single-byte flips inside the signed ranges are all reported", async () => {
    const random = seededRandom(20_261_121);
    const [last] = extractPdfSignatures(twiceSigned).slice(-1);
    const [, gapStart, gapEnd] = last?.byteRange ?? [0, 0, 0, 0];
    const signedLength = twiceSigned.length - (gapEnd - gapStart);
    let reported = 0;
    const samples: Uint8Array[] = [];
    for (let flip = 0; flip < 100; flip++) {
      const position = Math.floor(random() * signedLength);
      const offset = position < gapStart ? position : position + (gapEnd - gapStart);
      const tampered = twiceSigned.slice();
      tampered[offset] = (tampered[offset] ?? 0) ^ (1 + Math.floor(random() * 255));
      if (samples.length < 3 && offset > twiceSigned.length - 2000) samples.push(tampered);
      try {
        const results = await verifyPdfSignatures(tampered, trust);
        if (results.length < 2 || results.some((result) => !result.isValid)) reported++;
      } catch (error) {
        if (!isPkiError(error, "MALFORMED")) throw error;
        reported++;
      }
    }
    expect(reported).toBe(100);
    // pdfsig agrees on a few of them (flips near the end, where its parser still finds both signatures).
    for (const [index, sample] of samples.entries()) {
      expect(pdfsig(sample, `tampered-${index}.pdf`).match(/Signature is Valid\./g)?.length ?? 0).toBeLessThan(2);
    }
  }, 120_000);

  it("a third update changing page content marks the earlier signatures MODIFIED_AFTER_SIGNING", async () => {
    const file = PdfFile.open(twiceSigned);
    const firstPageRef = file.pageRefs()[0] as PDFRef;
    const page = file.dict(firstPageRef);
    if (!page) throw new Error("no page");
    const contentRef = PDFRef.of(file.nextObjectNumber());
    const content = file.context.flateStream("BT /F1 24 Tf 72 700 Td (Amount: 999,999,999) Tj ET");
    page.set(PDFName.of("Contents"), contentRef);
    const { pdf } = appendIncrementalUpdate(twiceSigned, file, [
      { ref: contentRef, body: serializeObject(content) },
      { ref: firstPageRef, body: serializeObject(page) },
    ]);
    const results = await verifyPdfSignatures(pdf, trust);
    expect(results.map((result) => [result.isValid, result.problems, result.coversWholeDocument])).toEqual([
      [false, ["MODIFIED_AFTER_SIGNING"], false],
      [false, ["MODIFIED_AFTER_SIGNING"], false],
    ]);
    expect(results[0]?.details?.join("\n")).toMatch(/object \d+ \(page\): \/Contents changed/);

    // A third signature is not a modification: all three stay valid.
    const thrice = await signPdf(twiceSigned, { ...signer(), fieldName: "WitnessSignature" });
    expect((await verifyPdfSignatures(thrice, trust)).map((result) => result.isValid)).toEqual([true, true, true]);
  });

  it("an update whose xref points the page back at its unsigned version is a modification", async () => {
    // No object is written: the new xref section alone makes viewers read page 2 as it was before the first
    // signature (without the widget in /Annots). A file-order reader (pdf-lib's) would still see the newer page.
    const file = PdfFile.open(twiceSigned);
    const pageRef = file.pageRefs().at(-1) as PDFRef;
    const baseEntry = PdfFile.open(basePdf).entries.get(pageRef.objectNumber);
    if (baseEntry?.kind !== "offset") throw new Error("page not found in the base");
    const xrefOffset = twiceSigned.length;
    const update = new TextEncoder().encode(
      `xref\n${pageRef.objectNumber} 1\n${String(baseEntry.offset).padStart(10, "0")} 00000 n\r\n` +
        `trailer\n<< /Size ${file.nextObjectNumber()} /Root ${file.rootRef().toString()} /Prev ${file.startxref} >>\nstartxref\n${xrefOffset}\n%%EOF\n`,
    );
    const pdf = new Uint8Array([...twiceSigned, ...update]);
    const results = await verifyPdfSignatures(pdf, trust);
    expect(results.map((result) => result.problems)).toEqual([["MODIFIED_AFTER_SIGNING"], ["MODIFIED_AFTER_SIGNING"]]);
    expect(results[0]?.details?.join("\n")).toContain("page /Annots: an entry was removed");
  });
});

describe("signer certificate status", () => {
  it("a signer revoked before the time-stamp is REVOKED; revoked after it stays valid", async () => {
    const signed = await signPdf(basePdf, { ...signer(), fieldName: "S" });
    const crlFor = (revokedAt: Date) =>
      createCrl({
        issuerCertificateDer: pki.issuing.der,
        issuerPrivateKey: pki.issuing.keyPair.privateKey,
        thisUpdate: new Date(Date.now() + 2 * DAY),
        nextUpdate: new Date(Date.now() + 3 * DAY),
        crlNumber: 7,
        revoked: [{ serialNumberHex: pki.signer.serialNumberHex, revokedAt, reason: "keyCompromise" }],
      });
    const before = await verifyPdfSignatures(signed, { ...trust, crlsDer: [await crlFor(new Date(Date.now() - 60 * 60_000))] });
    expect(before[0]?.problems).toEqual(["REVOKED"]);
    const after = await verifyPdfSignatures(signed, { ...trust, crlsDer: [await crlFor(new Date(Date.now() + DAY))] });
    expect(after[0]).toMatchObject({ isValid: true, problems: [] });
  });

  it("a signer certificate expired at the time-stamp is EXPIRED; without a time-stamp, trust.now decides", async () => {
    const keyPair = await generateKeyPair("EC-P256");
    const expiredDer = await issueCertificate({
      issuerCertificateDer: pki.issuing.der,
      issuerPrivateKey: pki.issuing.keyPair.privateKey,
      subject: { commonName: "만료된 서명자", country: "KR" },
      subjectPublicKeySpki: await exportSpki(keyPair.publicKey),
      serialNumberHex: randomSerialNumberHex(),
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - DAY),
      profile: "SIGNER",
    });
    const signed = await signPdf(basePdf, { ...signer({ privateKey: keyPair.privateKey, certificateDer: expiredDer }), fieldName: "Expired" });
    expect((await verifyPdfSignatures(signed, trust))[0]?.problems).toEqual(["EXPIRED"]);

    const untimed = await signPdf(basePdf, { ...signer(), requestTimestamp: undefined, fieldName: "B-B" } as PadesSigner & { fieldName: string });
    const [now] = await verifyPdfSignatures(untimed, trust);
    expect(now).toMatchObject({ isValid: true, timestamp: null });
    const [later] = await verifyPdfSignatures(untimed, { ...trust, now: new Date(Date.now() + 400 * DAY) });
    expect(later?.problems).toEqual(["EXPIRED"]);
  });

  it("an untrusted root, a time-stamp from an untrusted TSA and a swapped certificate are reported", async () => {
    const other = await makeTestPki();
    const [untrusted] = await verifyPdfSignatures(twiceSigned, { trustedRootsDer: [other.root.der] });
    expect(untrusted?.problems).toEqual(expect.arrayContaining(["UNTRUSTED", "BAD_TIMESTAMP"]));
    const [badTsa] = await verifyPdfSignatures(twiceSigned, { ...trust, timestampRootsDer: [other.root.der] });
    expect(badTsa?.problems).toEqual(["BAD_TIMESTAMP"]);
    expect(badTsa?.timestamp?.isValid).toBe(false);

    // The same key, issuer and serial in another certificate (a day longer): signing-certificate-v2 names the one
    // that signed, so swapping it into the CMS is caught even though the signature still verifies.
    const original = await parseCertificate(pki.signer.der);
    let twinDer = new Uint8Array();
    for (let attempt = 0; attempt < 20 && twinDer.length !== pki.signer.der.length; attempt++) {
      twinDer = await issueCertificate({
        issuerCertificateDer: pki.issuing.der,
        issuerPrivateKey: pki.issuing.keyPair.privateKey,
        subject: original.subject,
        subjectPublicKeySpki: await exportSpki(pki.signer.keyPair.publicKey),
        serialNumberHex: pki.signer.serialNumberHex,
        notBefore: original.notBefore,
        notAfter: new Date(original.notAfter.getTime() + DAY),
        profile: "SIGNER",
        crlDistributionPointUrl: CRL_URL,
      });
    }
    expect(twinDer.length).toBe(pki.signer.der.length);
    const signed = await signPdf(basePdf, { ...signer(), fieldName: "Twin" });
    const { contentsDer, byteRange } = onlySignature(signed);
    const swapped = replaceBytes(contentsDer, pki.signer.der, twinDer);
    if (!swapped) throw new Error("signer certificate not found in the CMS");
    const [result] = await verifyPdfSignatures(embedSignature({ pdf: signed, byteRange }, swapped), trust);
    expect(result?.problems).toEqual(["SIGNING_CERTIFICATE_MISMATCH"]);
  });
});

function onlySignature(pdf: Uint8Array) {
  const [signature, ...others] = extractPdfSignatures(pdf);
  if (!signature || others.length > 0) throw new Error("expected exactly one signature");
  return signature;
}

function replaceBytes(haystack: Uint8Array, needle: Uint8Array, replacement: Uint8Array): Uint8Array | undefined {
  if (needle.length !== replacement.length) return undefined;
  outer: for (let start = 0; start <= haystack.length - needle.length; start++) {
    for (let index = 0; index < needle.length; index++) if (haystack[start + index] !== needle[index]) continue outer;
    const copy = haystack.slice();
    copy.set(replacement, start);
    return copy;
  }
  return undefined;
}

describe("malformed input", () => {
  it("garbage, truncation and hostile nesting are MALFORMED, never a crash or a hang", async () => {
    const cases: Uint8Array[] = [
      new TextEncoder().encode("not a pdf"),
      twiceSigned.subarray(0, Math.floor(twiceSigned.length / 2)),
      new TextEncoder().encode(`%PDF-1.7\n1 0 obj\n${"[".repeat(200_000)}\nendobj\nxref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n${9 + 16 + 200_000}\n%%EOF\n`),
      new TextEncoder().encode("%PDF-1.7\nxref\n0 99999999\ntrailer\n<< >>\nstartxref\n9\n%%EOF\n"),
      new TextEncoder().encode("%PDF-1.7\ntrailer\n<< /Prev 9 >>\nstartxref\n9\n%%EOF\n"),
    ];
    for (const pdf of cases) {
      const started = performance.now();
      await expect(verifyPdfSignatures(pdf, trust)).rejects.toSatisfy((error: unknown) => isPkiError(error, "MALFORMED"));
      expect(() => extractPdfSignatures(pdf)).toThrow(/./);
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });

  it("an unsigned PDF has no signatures; a corrupt /Contents or /ByteRange is reported per signature", async () => {
    expect(await verifyPdfSignatures(basePdf, trust)).toEqual([]);
    const signed = await signPdf(basePdf, { ...signer(), fieldName: "Broken" });
    const { byteRange } = onlySignature(signed);
    const garbage = embedSignature({ pdf: signed, byteRange }, new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]));
    expect((await verifyPdfSignatures(garbage, trust))[0]?.problems).toEqual(["MALFORMED"]);
    expect(() => extractPdfSignatures(garbage)).not.toThrow();
  });
});

describe("timing", () => {
  it("measures signPdf and a two-signature verification", async () => {
    const rounds = 5;
    let started = performance.now();
    for (let round = 0; round < rounds; round++) await signPdf(basePdf, { ...signer(), fieldName: `Bench${round}` });
    const signMs = (performance.now() - started) / rounds;
    started = performance.now();
    for (let round = 0; round < rounds; round++) await verifyPdfSignatures(twiceSigned, trust);
    const verifyMs = (performance.now() - started) / rounds;
    console.log(`signPdf (with in-process TSA): ${signMs.toFixed(1)} ms; verifyPdfSignatures, 2 signatures, ${twiceSigned.length} bytes: ${verifyMs.toFixed(1)} ms`);
    expect(signMs).toBeGreaterThan(0);
  });
});
