// Signing a contract in Node as the browser does: the current revision from GET /pdf, one PAdES signature added as an
// incremental update with the signer's key, a time-stamp from the platform TSA over the signature (B-T).
import { signPdf } from "@pwp/pki/pades";
import { SIGNATURE_FIELD_BY_SIDE, type ContractSide } from "@pwp/shared/contracts";
import { stampWithPlatformTsa } from "../../../src/lib/pki/platform-tsa.ts";
import { issueTestCertificate, type TestCertificate } from "../../support/certificates.ts";
import type { TestApp } from "../../support/test-app.ts";
import { caller, createParties, draftBody, type PartyUser } from "./contract-fixtures.ts";

export type SignOptions = {
  /** false for a B-B signature without a time-stamp. */
  isTimestamped?: boolean;
  /** The TSA's genTime; the app's clock by default. */
  genTime?: Date;
  fieldName?: string;
  signerName?: string;
};

export async function currentPdf(testApp: TestApp, user: PartyUser, contractId: string, query = ""): Promise<Uint8Array> {
  const response = await caller(testApp)("GET", `/api/contracts/${contractId}/pdf${query}`, user.auth);
  if (response.statusCode !== 200) throw new Error(`GET pdf: ${response.statusCode} ${response.body}`);
  return new Uint8Array(response.rawPayload);
}

export async function signBytes(testApp: TestApp, base: Uint8Array, certificate: TestCertificate, side: ContractSide, options: SignOptions = {}): Promise<Uint8Array> {
  const { app } = testApp;
  return signPdf(base, {
    fieldName: options.fieldName ?? SIGNATURE_FIELD_BY_SIDE[side],
    signerName: options.signerName ?? "Test Signer",
    reason: side === "CONTRACTOR" ? "계약 체결 (수급인)" : "계약 체결 (발주자)",
    privateKey: certificate.keyPair.privateKey,
    certificateDer: certificate.certificateDer,
    chainDer: [app.pki.issuing.certificateDer],
    ...(options.isTimestamped === false
      ? {}
      : { requestTimestamp: async (signatureValue: Uint8Array) => (await stampWithPlatformTsa(app.pki, signatureValue, options.genTime ?? app.now())).tokenDer }),
  });
}

export function postSignature(testApp: TestApp, user: PartyUser, contractId: string, body: { edition: number; revision: number; signedPdf: Uint8Array | string }) {
  const signedPdf = typeof body.signedPdf === "string" ? body.signedPdf : Buffer.from(body.signedPdf).toString("base64");
  return caller(testApp)("POST", `/api/contracts/${contractId}/signatures`, user.auth, { ...body, signedPdf });
}

/** Parties whose representatives hold certificates, and a contract the orderer has sent (edition 1, version 2). */
export async function sentContract(testApp: TestApp) {
  const call = caller(testApp);
  const { orderer, contractor } = await createParties(testApp);
  const created = await call("POST", "/api/contracts", orderer.staff.auth, draftBody(contractor.organization.id));
  if (created.statusCode !== 201) throw new Error(`create: ${created.body}`);
  const sent = await call("POST", `/api/contracts/${created.json().id}/send`, orderer.staff.auth, { version: 1 });
  if (sent.statusCode !== 200) throw new Error(`send: ${sent.body}`);
  const ordererCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: orderer.representative.id });
  const contractorCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: contractor.representative.id });
  return { orderer, contractor, contract: sent.json() as { id: string; version: number; edition: number; contractNumber: string }, ordererCertificate, contractorCertificate };
}

/** Signs the current revision as `user` of `party` and posts it; returns the response. */
export async function signAndPost(testApp: TestApp, user: PartyUser, certificate: TestCertificate, contractId: string, side: ContractSide, options: SignOptions = {}) {
  const detail = (await caller(testApp)("GET", `/api/contracts/${contractId}`, user.auth)).json();
  const base = await currentPdf(testApp, user, contractId);
  const signed = await signBytes(testApp, base, certificate, side, options);
  return { response: await postSignature(testApp, user, contractId, { edition: detail.edition, revision: detail.currentRevision.revision, signedPdf: signed }), signed };
}
