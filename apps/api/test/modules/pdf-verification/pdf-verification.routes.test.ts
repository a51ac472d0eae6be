// POST /api/verify/pdf: public, no session. A PDF signed with a platform certificate and time-stamped by the
// platform TSA is reported valid with its holder; tampered, unsigned, garbage, multipart and the rate limit.
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPdf } from "@pwp/pki/pades";
import type { PdfVerificationReport } from "@pwp/shared/pdf-verification";
import { stampWithPlatformTsa } from "../../../src/lib/pki/platform-tsa.ts";
import { issueTestCertificate } from "../../support/certificates.ts";
import { createUser } from "../../support/fixtures.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";

const RATE_LIMIT = 12;
let testApp: TestApp;
let unsignedPdf: Uint8Array;
let signedPdf: Uint8Array;
let holder: { userName: string; organizationName: string };
let requests = 0;

async function makePdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.setTitle("공사 도급 계약서 / 工事請負契約書");
  const font = await document.embedFont(StandardFonts.Helvetica);
  document.addPage([595, 842]).drawText("Contract 2026-001", { x: 72, y: 760, size: 14, font });
  return document.save({ useObjectStreams: false });
}

function postPdf(payload: Uint8Array | string, contentType = "application/pdf") {
  requests++;
  return testApp.app.inject({ method: "POST", url: "/api/verify/pdf", headers: { "content-type": contentType }, payload: Buffer.from(payload) });
}

function multipart(parts: { name: string; fileName?: string; content: Uint8Array | string }[]) {
  const boundary = "----pwp-test-boundary";
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.fileName ? `; filename="${part.fileName}"` : ""}`;
    const type = part.fileName ? "Content-Type: application/pdf\r\n" : "";
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(part.content), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

beforeAll(async () => {
  testApp = await buildTestApp({ PDF_VERIFICATION_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) });
  const { app, prisma } = testApp;
  const { user, organization } = await createUser(prisma);
  holder = { userName: user.name, organizationName: organization.nameLocal };
  const certificate = await issueTestCertificate(app, prisma, { userId: user.id });
  unsignedPdf = await makePdf();
  signedPdf = await signPdf(unsignedPdf, {
    fieldName: "ContractorSignature",
    signerName: user.name,
    reason: "계약 내용에 동의합니다",
    claimedSigningTime: app.now(),
    privateKey: certificate.keyPair.privateKey,
    certificateDer: certificate.certificateDer,
    chainDer: [app.pki.issuing.certificateDer],
    requestTimestamp: async (signatureValue) => (await stampWithPlatformTsa(app.pki, signatureValue, app.now())).tokenDer,
  });
});

afterAll(async () => {
  await testApp?.close();
});

describe("POST /api/verify/pdf", () => {
  it("reports a platform-signed, time-stamped PDF as valid, with the holder of the certificate, without a session", async () => {
    const response = await postPdf(signedPdf);
    expect(response.statusCode).toBe(200);
    const report = response.json<PdfVerificationReport>();
    expect(report.size).toBe(signedPdf.length);
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.signatures).toHaveLength(1);
    const [signature] = report.signatures;
    expect(signature).toMatchObject({
      fieldName: "ContractorSignature",
      subFilter: "ETSI.CAdES.detached",
      isValid: true,
      problems: [],
      coversWholeDocument: true,
      signedRevisionLength: signedPdf.length,
      platformSigner: holder,
      timestamp: { isValid: true, authority: expect.stringContaining("pwp Time Stamping Authority") },
    });
    expect(signature?.signer?.subjectDn).toContain(holder.userName);
    expect(signature?.chain.map((certificate) => certificate.subjectDn)).toEqual([
      expect.stringContaining(holder.userName),
      expect.stringContaining("pwp Issuing CA"),
      expect.stringContaining("pwp Platform Root CA"),
    ]);
    expect(signature?.claimedSigningTime).not.toBeNull();
  });

  it("reports a tampered PDF as invalid", async () => {
    // One bit inside the first signed range (the page objects of the base document).
    const tampered = signedPdf.slice();
    tampered[200] = (tampered[200] ?? 0) ^ 0x01;
    const response = await postPdf(tampered);
    expect(response.statusCode).toBe(200);
    const [signature] = response.json<PdfVerificationReport>().signatures;
    expect(signature?.isValid).toBe(false);
    expect(signature?.problems).toContain("DIGEST_MISMATCH");
  });

  it("gives an empty list for an unsigned PDF", async () => {
    const response = await postPdf(unsignedPdf);
    expect(response.statusCode).toBe(200);
    expect(response.json<PdfVerificationReport>().signatures).toEqual([]);
  });

  it("refuses a file that is not a PDF with 400 naming the body, and an unreadable PDF too", async () => {
    const garbage = await postPdf("this is not a pdf");
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "body" }] });
    const truncated = await postPdf(signedPdf.subarray(0, 400));
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().error.fields[0].field).toBe("body");
    const json = await postPdf(JSON.stringify({ pdf: "x" }), "application/json");
    expect(json.statusCode).toBe(415);
  });

  it("accepts multipart/form-data with the field file, and names the field when it is wrong", async () => {
    const good = multipart([{ name: "file", fileName: "contract.pdf", content: signedPdf }]);
    requests++;
    const response = await testApp.app.inject({ method: "POST", url: "/api/verify/pdf", headers: { "content-type": good.contentType }, payload: good.payload });
    expect(response.statusCode).toBe(200);
    expect(response.json<PdfVerificationReport>().signatures[0]?.isValid).toBe(true);

    const notPdf = multipart([{ name: "file", fileName: "contract.pdf", content: "hello" }]);
    requests++;
    const refused = await testApp.app.inject({ method: "POST", url: "/api/verify/pdf", headers: { "content-type": notPdf.contentType }, payload: notPdf.payload });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([{ field: "file", message: expect.stringContaining("not a PDF") }]);

    const wrongField = multipart([{ name: "document", fileName: "contract.pdf", content: signedPdf }]);
    requests++;
    const wrong = await testApp.app.inject({ method: "POST", url: "/api/verify/pdf", headers: { "content-type": wrongField.contentType }, payload: wrongField.payload });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].field).toBe("document");
  });

  it("limits requests per client address (429 with Retry-After)", async () => {
    let response = await postPdf("x");
    while (response.statusCode !== 429 && requests <= RATE_LIMIT + 1) response = await postPdf("x");
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
    expect(requests).toBe(RATE_LIMIT + 1);
  });
});
