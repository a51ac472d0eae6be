// The browser's signing steps (lib/signing/sign-pdf-revision, shared by contracts and the documents that follow
// them) with a fake PDF signer, over a contract: what is signed must be the reviewed revision, the result must
// extend it, the body carries the right edition, revision and base64, the field and /Reason are the contract's,
// and the time-stamp must answer our own request. The PAdES signer itself is tested in packages/pki.
import type { ContractDetail } from "@pwp/shared/contracts";
import { createSelfSignedCa, issueCertificate, randomSerialNumberHex } from "@pwp/pki/ca";
import { concatBytes, fromBase64, sha256, toHex } from "@pwp/pki/encoding";
import type { PadesSigner, PdfSignatureFieldOptions } from "@pwp/pki/pades";
import { createRejection, createTimestampRequest, createTimestampResponse, parseTimestampRequest } from "@pwp/pki/tsa";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { contractSignatureTarget, type ContractToSign } from "../src/features/contracts/signing/contract-signature";
import { requestSignatureTimestamp, SignatureTimestampError } from "../src/lib/signing/signature-timestamp";
import {
  isPdfSigningError,
  signPdfRevision,
  type PdfRevisionSigner,
  type SignedRevisionBody,
  type SignPdfRevisionDependencies,
  type SigningStep,
} from "../src/lib/signing/sign-pdf-revision";

/** The contract wiring's call: the contract's target, the signer, the dependencies. */
function signContractRevision(contract: ContractToSign, signer: PdfRevisionSigner, dependencies: SignPdfRevisionDependencies<ContractDetail>) {
  const target = contractSignatureTarget(contract);
  if (!target) throw new Error("not this organisation's turn");
  return signPdfRevision(target, signer, dependencies);
}

describe("the contract's signature target", () => {
  it("signs the field the server names for the caller's organisation, and nothing when it is not its turn", () => {
    const revision = { edition: 1, revision: 1, size: 10, sha256: "AB", createdAt: "2026-11-20T00:00:00.000Z" };
    const base: ContractToSign = { edition: 1, currentRevision: revision, signatureField: "ContractorMember2Signature", orderer: { country: "JP" } };
    expect(contractSignatureTarget(base)).toMatchObject({ fieldName: "ContractorMember2Signature", reason: "契約締結" });
    expect(contractSignatureTarget({ ...base, signatureField: null })).toBeNull();
  });
});

const BASE_PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const INCREMENT = new TextEncoder().encode("2 0 obj<</FT/Sig>>endobj\n%%EOF\n");
const SIGNATURE_VALUE = new Uint8Array([1, 2, 3, 4, 5]);
const TOKEN = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x07]);

let signerKeys: CryptoKeyPair;
let contract: ContractToSign;

beforeAll(async () => {
  signerKeys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  contract = {
    edition: 2,
    signatureField: "ContractorSignature",
    orderer: { country: "KR" },
    currentRevision: { edition: 2, revision: 0, size: BASE_PDF.length, sha256: toHex(await sha256(BASE_PDF)).toUpperCase(), createdAt: "2026-11-20T00:00:00.000Z" },
  };
});

/** A stand-in for pades.signPdf: asks for the time-stamp as the real one does, then appends an increment. */
function fakeSignPdf(calls: (PdfSignatureFieldOptions & PadesSigner)[]) {
  return async (basePdf: Uint8Array, options: PdfSignatureFieldOptions & PadesSigner) => {
    calls.push(options);
    await options.requestTimestamp?.(SIGNATURE_VALUE);
    return concatBytes(basePdf, INCREMENT);
  };
}

function dependencies(overrides: Partial<SignPdfRevisionDependencies<ContractDetail>> = {}) {
  const steps: SigningStep[] = [];
  const submitted: SignedRevisionBody[] = [];
  const signCalls: (PdfSignatureFieldOptions & PadesSigner)[] = [];
  const deps: SignPdfRevisionDependencies<ContractDetail> = {
    fetchRevisionPdf: async () => BASE_PDF,
    signPdf: fakeSignPdf(signCalls),
    requestTimestamp: async () => TOKEN,
    submit: async (body) => {
      submitted.push(body);
      return { id: "signed" } as ContractDetail;
    },
    onStep: (step) => steps.push(step),
    now: () => new Date("2026-11-21T09:00:00Z"),
    ...overrides,
  };
  return { deps, steps, submitted, signCalls };
}

const signer = () => ({ signerName: "김철수", privateKey: signerKeys.privateKey, certificateDer: new Uint8Array([0x30, 0x00]) });

describe("signPdfRevision over a contract", () => {
  it("signs the reviewed revision in the signer's field and posts it as base64 with its edition and revision", async () => {
    const { deps, steps, submitted, signCalls } = dependencies();
    await signContractRevision(contract, signer(), deps);

    expect(steps).toEqual(["preparing", "signing", "timestamping", "sending"]);
    expect(signCalls[0]).toMatchObject({
      fieldName: "ContractorSignature",
      signerName: "김철수",
      reason: "계약 체결",
      claimedSigningTime: new Date("2026-11-21T09:00:00Z"),
    });
    expect(signCalls[0]?.chainDer).toBeUndefined();
    expect(submitted).toHaveLength(1);
    expect(submitted[0]?.edition).toBe(2);
    expect(submitted[0]?.revision).toBe(0);
    expect(fromBase64(submitted[0]?.signedPdf ?? "")).toEqual(concatBytes(BASE_PDF, INCREMENT));
  });

  it("uses the orderer's field and the Japanese reason for a Japanese orderer's contract", async () => {
    const { deps, signCalls } = dependencies();
    await signContractRevision({ ...contract, signatureField: "OrdererSignature", orderer: { country: "JP" } }, { ...signer(), chainDer: [new Uint8Array([0x30, 0x00])] }, deps);
    expect(signCalls[0]).toMatchObject({ fieldName: "OrdererSignature", reason: "契約締結" });
    expect(signCalls[0]?.chainDer).toHaveLength(1);
  });

  it("refuses to sign bytes whose SHA-256 is not the revision's, and sends nothing", async () => {
    const tampered = concatBytes(BASE_PDF, new Uint8Array([0x20]));
    const signPdf = vi.fn();
    const { deps, submitted } = dependencies({ fetchRevisionPdf: async () => tampered, signPdf });
    const error = await signContractRevision(contract, signer(), deps).catch((caught: unknown) => caught);
    expect(isPdfSigningError(error, "REVISION_MISMATCH")).toBe(true);
    expect(signPdf).not.toHaveBeenCalled();
    expect(submitted).toEqual([]);
  });

  it("refuses a signed file that does not start with the reviewed bytes", async () => {
    const { deps, submitted } = dependencies({ signPdf: async () => concatBytes(new Uint8Array([0x25]), BASE_PDF, INCREMENT) });
    const error = await signContractRevision(contract, signer(), deps).catch((caught: unknown) => caught);
    expect(isPdfSigningError(error, "NOT_INCREMENTAL")).toBe(true);
    expect(submitted).toEqual([]);
  });

  it("has nothing to sign for a draft", async () => {
    const { deps } = dependencies();
    const error = await signContractRevision({ ...contract, currentRevision: null }, signer(), deps).catch((caught: unknown) => caught);
    expect(isPdfSigningError(error, "NO_REVISION")).toBe(true);
  });
});

describe("requestSignatureTimestamp", () => {
  let tsa: { certificateDer: Uint8Array; privateKey: CryptoKey };

  beforeAll(async () => {
    const generate = () => crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
    const [rootKeys, tsaKeys] = await Promise.all([generate(), generate()]);
    const notBefore = new Date(Date.now() - 86_400_000);
    const notAfter = new Date(Date.now() + 86_400_000);
    const rootDer = await createSelfSignedCa({
      subject: { commonName: "Test Root", organizationName: "PWP test", country: "KR" },
      keyPair: rootKeys,
      serialNumberHex: randomSerialNumberHex(),
      notBefore,
      notAfter,
    });
    const certificateDer = await issueCertificate({
      issuerCertificateDer: rootDer,
      issuerPrivateKey: rootKeys.privateKey,
      subject: { commonName: "Test TSA", organizationName: "PWP test", country: "KR" },
      subjectPublicKeySpki: new Uint8Array(await crypto.subtle.exportKey("spki", tsaKeys.publicKey)),
      serialNumberHex: randomSerialNumberHex(),
      notBefore,
      notAfter,
      profile: "TSA",
    });
    tsa = { certificateDer, privateKey: tsaKeys.privateKey };
  });

  const answer = (requestDer: Uint8Array) =>
    createTimestampResponse({
      requestDer,
      tsaCertificateDer: tsa.certificateDer,
      tsaPrivateKey: tsa.privateKey,
      genTime: new Date(),
      serialNumberHex: randomSerialNumberHex(),
      policyOid: "1.3.6.1.4.1.99999.1",
    });

  it("returns the token of a granted answer to this request, asking for the TSA certificate", async () => {
    let sent: Uint8Array | null = null;
    const token = await requestSignatureTimestamp(SIGNATURE_VALUE, async (query) => {
      sent = query;
      return answer(query);
    });
    expect(token.length).toBeGreaterThan(100);
    const request = parseTimestampRequest(sent ?? new Uint8Array());
    expect(request.isCertRequested).toBe(true);
    expect(request.digest).toEqual(await sha256(SIGNATURE_VALUE));
  });

  it("refuses an answer to another request (replayed or mixed up)", async () => {
    const other = await createTimestampRequest({ data: SIGNATURE_VALUE });
    const error = await requestSignatureTimestamp(SIGNATURE_VALUE, async () => answer(other)).catch((caught: unknown) => caught);
    expect(error instanceof SignatureTimestampError && error.code === "TIMESTAMP_MISMATCH").toBe(true);
  });

  it("reports a refusal by the authority", async () => {
    const error = await requestSignatureTimestamp(SIGNATURE_VALUE, async () => createRejection("rejection", "badRequest", "bad request")).catch(
      (caught: unknown) => caught,
    );
    expect(error instanceof SignatureTimestampError && error.code === "TIMESTAMP_REFUSED").toBe(true);
  });
});
