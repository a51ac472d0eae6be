// A document that follows a contract is signed with the same steps as the contract (lib/signing/sign-pdf-revision):
// here, what the document adds — the field the API names for the signer, and the /Reason per kind, language and
// side (the orderer's signature on an invoice is its receipt).
import type { ContractDocumentDetail } from "@pwp/shared/contract-documents";
import { concatBytes, fromBase64, sha256, toHex } from "@pwp/pki/encoding";
import type { PadesSigner, PdfSignatureFieldOptions } from "@pwp/pki/pades";
import { beforeAll, describe, expect, it } from "vitest";
import { documentSignatureTarget, documentSigningReason, type DocumentToSign } from "../src/features/contract-documents/signing/document-signature";
import { signPdfRevision, type SignedRevisionBody } from "../src/lib/signing/sign-pdf-revision";

const BASE_PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const INCREMENT = new TextEncoder().encode("2 0 obj<</FT/Sig>>endobj\n%%EOF\n");

let invoice: DocumentToSign;

beforeAll(async () => {
  invoice = {
    kind: "INVOICE",
    country: "KR",
    mySide: "CONTRACTOR",
    edition: 3,
    signatureField: "ContractorSignature",
    currentRevision: { edition: 3, revision: 1, size: BASE_PDF.length, sha256: toHex(await sha256(BASE_PDF)), createdAt: "2027-03-02T00:00:00.000Z" },
  };
});

describe("documentSigningReason", () => {
  it("names each kind's signature in Korean and Japanese", () => {
    expect(["CHANGE", "UNIT_PRICES", "INSPECTION", "INVOICE"].map((kind) => documentSigningReason(kind as DocumentToSign["kind"], "KR", "CONTRACTOR"))).toEqual([
      "변경계약 체결",
      "단가 합의",
      "검사 결과 확인",
      "대가 청구",
    ]);
    expect(["CHANGE", "UNIT_PRICES", "INSPECTION", "INVOICE"].map((kind) => documentSigningReason(kind as DocumentToSign["kind"], "JP", "CONTRACTOR"))).toEqual([
      "変更契約締結",
      "単価合意",
      "検査結果",
      "請求",
    ]);
  });

  it("makes the orderer's signature on an invoice its receipt", () => {
    expect(documentSigningReason("INVOICE", "KR", "ORDERER")).toBe("청구서 수령");
    expect(documentSigningReason("INVOICE", "JP", "ORDERER")).toBe("請求書受領");
    expect(documentSigningReason("CHANGE", "KR", "ORDERER")).toBe("변경계약 체결");
  });
});

describe("documentSignatureTarget", () => {
  it("signs in the field the API names, with the edition and revision shown", () => {
    expect(documentSignatureTarget(invoice)).toEqual({ edition: 3, currentRevision: invoice.currentRevision, fieldName: "ContractorSignature", reason: "대가 청구" });
  });

  it("has nothing to sign when it is not the caller's turn", () => {
    expect(documentSignatureTarget({ ...invoice, signatureField: null })).toBeNull();
  });

  it("goes through the shared steps to the document's body", async () => {
    const target = documentSignatureTarget({ ...invoice, mySide: "ORDERER", country: "JP", signatureField: "OrdererSignature" });
    if (!target) throw new Error("expected a target");
    const calls: (PdfSignatureFieldOptions & PadesSigner)[] = [];
    const submitted: SignedRevisionBody[] = [];
    const keys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
    await signPdfRevision(
      target,
      { signerName: "山田太郎", privateKey: keys.privateKey, certificateDer: new Uint8Array([0x30, 0x00]) },
      {
        fetchRevisionPdf: async () => BASE_PDF,
        signPdf: async (basePdf, options) => {
          calls.push(options);
          return concatBytes(basePdf, INCREMENT);
        },
        requestTimestamp: async () => new Uint8Array([0x30, 0x00]),
        submit: async (body) => {
          submitted.push(body);
          return { id: "signed" } as ContractDocumentDetail;
        },
      },
    );
    expect(calls[0]).toMatchObject({ fieldName: "OrdererSignature", reason: "請求書受領", signerName: "山田太郎" });
    expect(submitted[0]?.edition).toBe(3);
    expect(submitted[0]?.revision).toBe(1);
    expect(fromBase64(submitted[0]?.signedPdf ?? "")).toEqual(concatBytes(BASE_PDF, INCREMENT));
  });
});
