// The demo's issued guarantee: the contract-performance guarantee (계약보증) of the demo contract, issued by the
// Korean demo surety's representative, signed as the surety's browser signs (a detached CMS over the canonical
// certificate document, PAdES B-T over the certificate PDF and the fee statement) and verified by the same code
// the API runs when a surety signs. Its number and key are fixed so the README can list them: demo data only.
import { createSignedData } from "@pwp/pki/cms";
import { signPdf } from "@pwp/pki/pades";
import type { DbClient } from "../db/database.ts";
import { recordAuditEvent } from "../lib/audit.ts";
import { issueUserCertificateDirectly } from "../lib/pki/demo-certificates.ts";
import type { PlatformPki } from "../lib/pki/platform-pki.ts";
import { stampWithPlatformTsa } from "../lib/pki/platform-tsa.ts";
import { buildCertificateDocument, canonicalJsonOf, dateInKoreaJapan, partyOf } from "../modules/guarantees/guarantee-document.ts";
import { createAuthKeys } from "../lib/guarantee-auth-keys.ts";
import { renderFeeStatementPdf, renderGuaranteeCertificatePdf } from "../modules/guarantees/guarantee-pdfs.ts";
import { verifyVersionSignatures } from "../modules/guarantees/guarantee-signing.ts";

export const DEMO_GUARANTEE_NUMBER = "10000-000001";
/** 14 characters of AUTH_KEY_ALPHABET, like every key; fixed only here, so the README can print it. */
export const DEMO_AUTH_KEY = "Hk7mPq2RxW9tZa";

type Party = { organizationId: string; userId: string };

export async function seedDemoGuarantee(
  tx: DbClient,
  input: { pki: PlatformPki; pkiMasterKey: Uint8Array; publicUrl: string; contractId: string; orderer: Party; contractor: Party; surety: Party; now: Date },
) {
  const { pki, now } = input;
  const [orderer, contractor, surety] = await Promise.all(
    [input.orderer, input.contractor, input.surety].map((party) => tx.organization.findUniqueOrThrow({ where: { id: party.organizationId } })),
  );
  const contract = await tx.contract.findUniqueOrThrow({ where: { id: input.contractId } });
  if (!orderer || !contractor || !surety) throw new Error("The demo orderer, contractor and surety must exist");
  const signer = await issueUserCertificateDirectly(tx, pki, { userId: input.surety.userId, now, crlUrl: `${input.publicUrl}/api/pki/crl` });

  const day = (date: Date) => date.toISOString().slice(0, 10);
  const terms = {
    worksTitle: contract.title,
    ordererName: orderer.nameLocal,
    contractAmount: Number(contract.amount),
    contractDate: day(contract.contractDate),
    worksStartDate: day(contract.worksStartDate),
    worksEndDate: day(contract.worksEndDate),
    // 계약보증금: 10% of the contract amount, until two months after completion.
    guaranteeAmount: Number(contract.amount / 10n),
    guaranteeStartDate: day(contract.contractDate),
    guaranteeEndDate: "2027-10-31",
    depositBankName: "",
    depositBranchName: "",
  };
  const guarantee = await tx.guarantee.create({
    data: {
      kind: "CONTRACT_PERFORMANCE",
      status: "ISSUED",
      contractorOrganizationId: contractor.id,
      suretyOrganizationId: surety.id,
      contractId: contract.id,
      ordererOrganizationId: orderer.id,
      ordererName: terms.ordererName,
      worksTitle: terms.worksTitle,
      currency: contract.currency,
      contractAmount: contract.amount,
      contractDate: contract.contractDate,
      worksStartDate: contract.worksStartDate,
      worksEndDate: contract.worksEndDate,
      guaranteeAmount: BigInt(terms.guaranteeAmount),
      guaranteeStartDate: contract.contractDate,
      guaranteeEndDate: new Date(terms.guaranteeEndDate),
      feeBilledTo: contractor.nameLocal,
      notificationEmail: contractor.contactEmail,
      guaranteeNumber: DEMO_GUARANTEE_NUMBER,
      issuedAt: now,
      currentVersion: 1,
      version: 3,
      createdById: input.contractor.userId,
      submittedAt: now,
    },
    select: { id: true },
  });
  const authKeys = createAuthKeys(input.pkiMasterKey);
  await tx.guarantee.update({
    where: { id: guarantee.id },
    data: { authKeyHash: authKeys.hashAuthKey(guarantee.id, DEMO_AUTH_KEY), authKeyCiphertext: authKeys.encryptAuthKey(guarantee.id, DEMO_AUTH_KEY) },
    select: { id: true },
  });

  const document = buildCertificateDocument({
    guaranteeNumber: DEMO_GUARANTEE_NUMBER,
    versionNumber: 1,
    versionKind: "ISSUE",
    kind: "CONTRACT_PERFORMANCE",
    language: "ko",
    contractor: partyOf(contractor),
    orderer: partyOf(orderer),
    surety: partyOf(surety),
    currency: contract.currency,
    terms,
    issuedOn: dateInKoreaJapan(now),
    reason: "",
  });
  const canonicalJson = canonicalJsonOf(document);
  const certificatePdf = await renderGuaranteeCertificatePdf(document);
  const feeStatementPdf = await renderFeeStatementPdf({
    language: "ko",
    guaranteeNumber: DEMO_GUARANTEE_NUMBER,
    kind: "CONTRACT_PERFORMANCE",
    contractorName: contractor.nameLocal,
    suretyName: surety.nameLocal,
    worksTitle: terms.worksTitle,
    currency: contract.currency,
    baseAmount: terms.guaranteeAmount,
    rateBasisPoints: 35,
    // 0.35% of the guarantee amount, rounded down: integers only.
    feeAmount: Math.floor((terms.guaranteeAmount * 35) / 10_000),
    paymentMethod: "LUMP_SUM",
    billedTo: contractor.nameLocal,
    issuedOn: dateInKoreaJapan(now),
  });

  const suretyUser = await tx.user.findUniqueOrThrow({ where: { id: input.surety.userId } });
  const sign = (pdf: Uint8Array, fieldName: string) =>
    signPdf(pdf, {
      fieldName,
      signerName: suretyUser.name,
      reason: "보증서 발급",
      claimedSigningTime: now,
      privateKey: signer.keyPair.privateKey,
      certificateDer: signer.certificateDer,
      chainDer: [pki.issuing.certificateDer],
      requestTimestamp: async (signatureValue) => (await stampWithPlatformTsa(pki, signatureValue, now)).tokenDer,
    });
  const signedData = await createSignedData({
    content: new TextEncoder().encode(canonicalJson),
    signerCertificateDer: signer.certificateDer,
    certificatesDer: [pki.issuing.certificateDer],
    privateKey: signer.keyPair.privateKey,
  });
  const signedCertificatePdf = await sign(certificatePdf, "SuretySignature");
  const signedFeeStatementPdf = await sign(feeStatementPdf, "FeeStatementSignature");
  const accepted = await verifyVersionSignatures(
    tx,
    pki,
    { userId: input.surety.userId, organizationId: surety.id, ipAddress: "127.0.0.1" },
    {
      prepared: { canonicalJson, certificatePdf, feeStatementPdf },
      submitted: { signedData, certificatePdf: signedCertificatePdf, feeStatementPdf: signedFeeStatementPdf },
      at: now,
    },
  );
  await tx.guaranteeVersion.create({
    data: {
      guaranteeId: guarantee.id,
      number: 1,
      kind: "ISSUE",
      canonicalJson,
      certificatePdf: new Uint8Array(signedCertificatePdf),
      feeStatementPdf: new Uint8Array(signedFeeStatementPdf),
      signedData: new Uint8Array(signedData),
      signerUserId: input.surety.userId,
      certificateId: accepted.certificateId,
      delegationId: accepted.delegationId,
      signedAt: accepted.genTime,
      verification: accepted.verification,
      preparedById: input.surety.userId,
    },
    select: { id: true },
  });
  const events = [
    { kind: "CREATED", party: input.contractor },
    { kind: "SUBMITTED", party: input.contractor },
    { kind: "ISSUED", party: input.surety, versionNumber: 1 },
  ] as const;
  for (const [index, event] of events.entries()) {
    await tx.guaranteeEvent.create({
      data: {
        guaranteeId: guarantee.id,
        kind: event.kind,
        versionNumber: "versionNumber" in event ? event.versionNumber : null,
        actorUserId: event.party.userId,
        actorOrganizationId: event.party.organizationId,
        createdAt: new Date(now.getTime() + index),
      },
      select: { id: true },
    });
  }
  await recordAuditEvent(tx, { action: "demo.guarantee.seeded", target: { type: "Guarantee", id: guarantee.id }, data: { guaranteeNumber: DEMO_GUARANTEE_NUMBER } });
  return guarantee.id;
}
