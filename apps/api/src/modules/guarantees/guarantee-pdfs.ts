// The PDFs of a guarantee, rendered with pdf-lib and the CJK fonts of lib/pdf: the certificate (保証証書 / 보증서)
// the surety signs, the fee statement (保証料計算書) and the authentication key notice (認証キーのお知らせ).
//
// INTERFACE ONLY — being implemented (see the lead's brief). Keep these exported names and shapes.
import type { Currency, GuaranteeKind } from "@pwp/shared/contracts";
import type { GuaranteeCertificateDocument, GuaranteeFeePaymentMethod } from "@pwp/shared/guarantees";

/** A classic-xref PDF, ready for an incremental PAdES signature. */
export async function renderGuaranteeCertificatePdf(_document: GuaranteeCertificateDocument): Promise<Uint8Array> {
  throw new Error("guarantee-pdfs.ts is being implemented");
}

export type FeeStatementInput = {
  language: "ko" | "ja";
  guaranteeNumber: string;
  kind: GuaranteeKind;
  contractorName: string;
  suretyName: string;
  worksTitle: string;
  currency: Currency;
  baseAmount: number;
  rateBasisPoints: number;
  feeAmount: number;
  paymentMethod: GuaranteeFeePaymentMethod;
  billedTo: string;
  /** YYYY-MM-DD. */
  issuedOn: string;
};

export async function renderFeeStatementPdf(_input: FeeStatementInput): Promise<Uint8Array> {
  throw new Error("guarantee-pdfs.ts is being implemented");
}

export type KeyNoticeInput = {
  language: "ko" | "ja";
  worksTitle: string;
  contractorName: string;
  kind: GuaranteeKind;
  guaranteeNumber: string;
  authKey: string;
  suretyName: string;
  /** The lookup page with the number filled in (never the key): printed and encoded in the QR code. */
  lookupUrl: string;
  /** YYYY-MM-DD. */
  issuedOn: string;
};

export async function renderKeyNoticePdf(_input: KeyNoticeInput): Promise<Uint8Array> {
  throw new Error("guarantee-pdfs.ts is being implemented");
}
