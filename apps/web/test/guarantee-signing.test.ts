// The surety's signing steps with a fake PDF signer and the real CMS signer: the PDFs shown must be the prepared
// ones (SHA-256), the canonical JSON is signed as its UTF-8 bytes in a detached CMS that verifies against the CA,
// each PDF is signed in its own field and must extend the reviewed bytes, and the body carries all three.
import type { GuaranteeDetail, SignGuaranteeVersionBody } from "@pwp/shared/guarantees";
import { createSelfSignedCa, issueCertificate, randomSerialNumberHex } from "@pwp/pki/ca";
import { createSignedData, loadSignedData, verifySignedData } from "@pwp/pki/cms";
import { concatBytes, fromBase64, sha256, toHex } from "@pwp/pki/encoding";
import type { PadesSigner, PdfSignatureFieldOptions } from "@pwp/pki/pades";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CERTIFICATE_SIGNATURE_FIELD,
  FEE_STATEMENT_SIGNATURE_FIELD,
  fetchPreparedDocuments,
  isGuaranteeSigningError,
  readDocumentLanguage,
  signPreparedVersion,
  type GuaranteeSigningStep,
  type SignGuaranteeDependencies,
} from "../src/features/guarantees/signing/sign-guarantee-version";

const CERTIFICATE_PDF = new TextEncoder().encode("%PDF-1.7\n% certificate\ntrailer<<>>\n%%EOF\n");
const FEE_STATEMENT_PDF = new TextEncoder().encode("%PDF-1.7\n% fee statement\ntrailer<<>>\n%%EOF\n");
const INCREMENT = new TextEncoder().encode("9 0 obj<</FT/Sig>>endobj\n%%EOF\n");
const TOKEN = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x07]);
const CANONICAL_JSON = JSON.stringify({ type: "pwp.guarantee.certificate.v1", guaranteeNumber: "00001-000001", language: "ja", worksTitle: "○○線道路改良工事" });

let rootDer: Uint8Array;
let signer: { privateKey: CryptoKey; certificateDer: Uint8Array };

beforeAll(async () => {
  const generate = () => crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const [rootKeys, signerKeys] = await Promise.all([generate(), generate()]);
  const notBefore = new Date(Date.now() - 86_400_000);
  const notAfter = new Date(Date.now() + 86_400_000);
  rootDer = await createSelfSignedCa({
    subject: { commonName: "Test Root", organizationName: "PWP test", country: "JP" },
    keyPair: rootKeys,
    serialNumberHex: randomSerialNumberHex(),
    notBefore,
    notAfter,
  });
  const certificateDer = await issueCertificate({
    issuerCertificateDer: rootDer,
    issuerPrivateKey: rootKeys.privateKey,
    subject: { commonName: "保証 太郎", organizationName: "東日本建設業保証", country: "JP" },
    subjectPublicKeySpki: new Uint8Array(await crypto.subtle.exportKey("spki", signerKeys.publicKey)),
    serialNumberHex: randomSerialNumberHex(),
    notBefore,
    notAfter,
    profile: "SIGNER",
  });
  signer = { privateKey: signerKeys.privateKey, certificateDer };
});

async function prepared(withFeeStatement: boolean) {
  return {
    number: 1,
    kind: "ISSUE" as const,
    guaranteeNumber: "00001-000001",
    canonicalJson: CANONICAL_JSON,
    // The API may write hashes in upper case.
    certificatePdfSha256: toHex(await sha256(CERTIFICATE_PDF)).toUpperCase(),
    feeStatementPdfSha256: withFeeStatement ? toHex(await sha256(FEE_STATEMENT_PDF)) : null,
  };
}

function dependencies(overrides: Partial<SignGuaranteeDependencies> = {}) {
  const steps: GuaranteeSigningStep[] = [];
  const submitted: SignGuaranteeVersionBody[] = [];
  const pdfCalls: (PdfSignatureFieldOptions & PadesSigner)[] = [];
  const deps: SignGuaranteeDependencies = {
    createSignedData,
    signPdf: async (basePdf, options) => {
      pdfCalls.push(options);
      await options.requestTimestamp?.(new Uint8Array([1, 2, 3]));
      return concatBytes(basePdf, INCREMENT);
    },
    requestTimestamp: async () => TOKEN,
    submit: async (body) => {
      submitted.push(body);
      return { id: "signed" } as GuaranteeDetail;
    },
    onStep: (step) => steps.push(step),
    now: () => new Date("2026-11-21T09:00:00Z"),
    ...overrides,
  };
  return { deps, steps, submitted, pdfCalls };
}

describe("fetchPreparedDocuments", () => {
  it("returns the PDFs whose SHA-256 are the prepared ones", async () => {
    const documents = await fetchPreparedDocuments(await prepared(true), async (document) => (document === "certificate" ? CERTIFICATE_PDF : FEE_STATEMENT_PDF));
    expect(documents.certificatePdf).toEqual(CERTIFICATE_PDF);
    expect(documents.feeStatementPdf).toEqual(FEE_STATEMENT_PDF);
  });

  it("does not fetch a fee statement the version does not have", async () => {
    const asked: string[] = [];
    const documents = await fetchPreparedDocuments(await prepared(false), async (document) => {
      asked.push(document);
      return CERTIFICATE_PDF;
    });
    expect(asked).toEqual(["certificate"]);
    expect(documents.feeStatementPdf).toBeNull();
  });

  it("refuses a PDF that is not the prepared one", async () => {
    const error = await fetchPreparedDocuments(await prepared(true), async (document) =>
      document === "certificate" ? CERTIFICATE_PDF : concatBytes(FEE_STATEMENT_PDF, new Uint8Array([0x20])),
    ).catch((caught: unknown) => caught);
    expect(isGuaranteeSigningError(error, "HASH_MISMATCH")).toBe(true);
  });
});

describe("signPreparedVersion", () => {
  it("signs the canonical JSON (detached CMS) and both PDFs in their fields, and posts them as base64", async () => {
    const { deps, steps, submitted, pdfCalls } = dependencies();
    await signPreparedVersion(
      await prepared(true),
      { certificatePdf: CERTIFICATE_PDF, feeStatementPdf: FEE_STATEMENT_PDF },
      { signerName: "保証 太郎", privateKey: signer.privateKey, certificateDer: signer.certificateDer },
      deps,
    );

    expect(steps).toEqual(["signing", "signing", "timestamping", "signing", "timestamping", "sending"]);
    expect(pdfCalls.map((call) => call.fieldName)).toEqual([CERTIFICATE_SIGNATURE_FIELD, FEE_STATEMENT_SIGNATURE_FIELD]);
    expect(pdfCalls.map((call) => call.fieldName)).toEqual(["SuretySignature", "FeeStatementSignature"]);
    // The certificate is in Japanese, so are the reasons.
    expect(pdfCalls.map((call) => call.reason)).toEqual(["保証証書の発行", "保証料計算書の発行"]);
    expect(pdfCalls[0]).toMatchObject({ signerName: "保証 太郎", claimedSigningTime: new Date("2026-11-21T09:00:00Z") });

    expect(submitted).toHaveLength(1);
    const body = submitted[0]!;
    expect(fromBase64(body.signedCertificatePdf)).toEqual(concatBytes(CERTIFICATE_PDF, INCREMENT));
    expect(fromBase64(body.signedFeeStatementPdf ?? "")).toEqual(concatBytes(FEE_STATEMENT_PDF, INCREMENT));

    const signedDataDer = fromBase64(body.signedData);
    // Detached: the JSON is not inside; the platform keeps it next to the signature.
    expect(loadSignedData(signedDataDer).eContent).toBeUndefined();
    const verification = await verifySignedData({
      signedDataDer,
      content: new TextEncoder().encode(CANONICAL_JSON),
      trustedRootsDer: [rootDer],
      isSigningCertificateAttributeRequired: true,
    });
    expect(verification.isValid).toBe(true);
    // Any other bytes (even the same JSON re-serialised) do not verify.
    const other = await verifySignedData({ signedDataDer, content: new TextEncoder().encode(`${CANONICAL_JSON} `), trustedRootsDer: [rootDer] });
    expect(other.isValid).toBe(false);
  });

  it("leaves the fee statement out of a version without one", async () => {
    const { deps, submitted, pdfCalls } = dependencies();
    await signPreparedVersion(
      { ...(await prepared(false)), kind: "CHANGE" },
      { certificatePdf: CERTIFICATE_PDF, feeStatementPdf: null },
      { signerName: "保証 太郎", privateKey: signer.privateKey, certificateDer: signer.certificateDer },
      deps,
    );
    expect(pdfCalls.map((call) => [call.fieldName, call.reason])).toEqual([["SuretySignature", "保証契約の変更"]]);
    expect(submitted[0]).not.toHaveProperty("signedFeeStatementPdf");
  });

  it("refuses documents that do not match the prepared version, and sends nothing", async () => {
    const { deps, submitted } = dependencies();
    const error = await signPreparedVersion(
      await prepared(true),
      { certificatePdf: CERTIFICATE_PDF, feeStatementPdf: null },
      { signerName: "x", privateKey: signer.privateKey, certificateDer: signer.certificateDer },
      deps,
    ).catch((caught: unknown) => caught);
    expect(isGuaranteeSigningError(error, "FEE_STATEMENT_MISSING")).toBe(true);
    expect(submitted).toEqual([]);
  });

  it("refuses a signed PDF that does not start with the reviewed bytes", async () => {
    const { deps, submitted } = dependencies({ signPdf: async (basePdf) => concatBytes(new Uint8Array([0x25]), basePdf, INCREMENT) });
    const error = await signPreparedVersion(
      await prepared(false),
      { certificatePdf: CERTIFICATE_PDF, feeStatementPdf: null },
      { signerName: "x", privateKey: signer.privateKey, certificateDer: signer.certificateDer },
      deps,
    ).catch((caught: unknown) => caught);
    expect(isGuaranteeSigningError(error, "NOT_INCREMENTAL")).toBe(true);
    expect(submitted).toEqual([]);
  });
});

describe("readDocumentLanguage", () => {
  it("reads ko or ja, and nothing else", () => {
    expect(readDocumentLanguage('{"language":"ko"}')).toBe("ko");
    expect(readDocumentLanguage('{"language":"en"}')).toBeNull();
    expect(readDocumentLanguage("not json")).toBeNull();
  });
});
