// The demo's finished example: a Korean contract between the demo orderer and contractor, signed by both
// representatives with PAdES B-T exactly as their browsers would sign it. Their keys are made here in Node with the
// same PKI code and thrown away afterwards; their certificates stay, so the signatures verify like any other.
import { createHash } from "node:crypto";
import { signPdf } from "@pwp/pki/pades";
import { CURRENCY_BY_COUNTRY, SIGNATURE_FIELD_BY_SIDE, type ContractSide, type GuaranteeKind, type TermsSection } from "@pwp/shared/contracts";
import type { DbClient } from "../db/database.ts";
import { recordAuditEvent } from "../lib/audit.ts";
import { issueUserCertificateDirectly } from "../lib/pki/demo-certificates.ts";
import type { PlatformCas } from "../lib/pki/platform-ca.ts";
import { stampWithPlatformTsa } from "../lib/pki/platform-tsa.ts";
import { renderContractPdf } from "../modules/contracts/contract-pdf.ts";

export const DEMO_CONTRACT_NUMBER = "C-2026-000001";

const DEMO_TERMS: TermsSection[] = [
  {
    heading: "제1조 (계약의 목적)",
    body: "계약상대자는 이 계약서와 설계서에 따라 한빛시 중앙공원 보행교 설치공사를 성실히 시공하고, 발주자는 그 대가를 지급한다.",
  },
  {
    heading: "제2조 (계약금액의 지급)",
    body: "발주자는 기성검사에 합격한 부분에 대하여 계약상대자의 청구를 받은 날부터 5일 이내에 대가를 지급한다. 선금은 계약금액의 30퍼센트 이내로 한다.",
  },
  {
    heading: "제3조 (지체상금)",
    body: "계약상대자가 준공기한 안에 공사를 완성하지 못한 때에는 지체일수 1일마다 계약금액의 1천분의 0.5에 해당하는 지체상금을 납부한다.",
  },
];

type Party = { organizationId: string; userId: string };
type Tx = DbClient;

/** A demo representative's certificate from the platform's issuing CA, with a key that exists only in this run. */
async function issueDemoCertificate(tx: Tx, cas: PlatformCas, crlUrl: string, userId: string, now: Date) {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
  const issued = await issueUserCertificateDirectly(tx, cas, { userId, now, crlUrl });
  return { user, certificateId: issued.certificateId, certificateDer: issued.certificateDer, privateKey: issued.keyPair.privateKey };
}

const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Creates the completed demo contract in the seed's transaction. The orderer and contractor must be counterparties
 * already (the seed makes them so first).
 */
export async function seedDemoContract(tx: Tx, input: { cas: PlatformCas; publicUrl: string; orderer: Party; contractor: Party; now: Date }) {
  const { cas, now } = input;
  const crlUrl = `${input.publicUrl}/api/pki/crl`;
  const [orderer, contractor] = await Promise.all(
    [input.orderer, input.contractor].map((party) => tx.organization.findUniqueOrThrow({ where: { id: party.organizationId } })),
  );
  if (!orderer || !contractor) throw new Error("The demo orderer and contractor must exist");
  const ordererSigner = await issueDemoCertificate(tx, cas, crlUrl, input.orderer.userId, now);
  const contractorSigner = await issueDemoCertificate(tx, cas, crlUrl, input.contractor.userId, now);

  const content = {
    contractNumber: DEMO_CONTRACT_NUMBER,
    title: "한빛시 중앙공원 보행교 설치공사",
    amount: 1_234_500_000n,
    currency: CURRENCY_BY_COUNTRY[orderer.country],
    worksStartDate: "2026-12-01",
    worksEndDate: "2027-08-31",
    contractDate: "2026-11-20",
    place: "한빛시 중앙공원 일원",
    termsSections: DEMO_TERMS,
    requiredGuarantees: ["CONTRACT_PERFORMANCE", "ADVANCE_PAYMENT"] satisfies GuaranteeKind[],
  };
  const contacts = [
    { side: "ORDERER" as const, name: ordererSigner.user.name, department: "도시건설본부 계약팀", phone: "031-555-0100", email: ordererSigner.user.email },
    { side: "CONTRACTOR" as const, name: contractorSigner.user.name, department: "공무부", phone: "02-555-0200", email: contractorSigner.user.email },
  ];
  const partyOf = (organization: typeof orderer) => ({
    id: organization.id,
    country: organization.country,
    registrationNumber: organization.registrationNumber,
    nameLocal: organization.nameLocal,
    nameLatin: organization.nameLatin,
    representativeName: organization.representativeName,
    address: organization.address,
  });

  const contract = await tx.contract.create({
    data: {
      ordererOrganizationId: orderer.id,
      contractorOrganizationId: contractor.id,
      ...content,
      worksStartDate: new Date(content.worksStartDate),
      worksEndDate: new Date(content.worksEndDate),
      contractDate: new Date(content.contractDate),
      status: "COMPLETED",
      version: 4,
      edition: 1,
      createdById: input.orderer.userId,
      sentAt: now,
      completedAt: now,
      contacts: { create: contacts.map((contact, position) => ({ ...contact, position })) },
    },
    select: { id: true },
  });

  const rendered = await renderContractPdf({
    language: orderer.country === "JP" ? "ja" : "ko",
    ...content,
    orderer: partyOf(orderer),
    contractor: partyOf(contractor),
    contacts,
    annexPdf: null,
    edition: 1,
  });
  const revisions: Uint8Array[] = [rendered];
  const timestampSerials: string[] = [];
  const signers: [ContractSide, typeof ordererSigner, Party][] = [
    ["CONTRACTOR", contractorSigner, input.contractor],
    ["ORDERER", ordererSigner, input.orderer],
  ];
  for (const [side, signer] of signers) {
    const signed = await signPdf(revisions.at(-1)!, {
      fieldName: SIGNATURE_FIELD_BY_SIDE[side],
      signerName: signer.user.name,
      reason: "계약 체결",
      claimedSigningTime: now,
      privateKey: signer.privateKey,
      certificateDer: signer.certificateDer,
      chainDer: [cas.issuing.certificateDer],
      requestTimestamp: async (signatureValue) => {
        const stamp = await stampWithPlatformTsa(cas, signatureValue, now);
        timestampSerials.push(stamp.serialNumberHex);
        return stamp.tokenDer;
      },
    });
    revisions.push(signed);
  }

  for (const [revision, pdf] of revisions.entries()) {
    await tx.contractRevision.create({
      data: { contractId: contract.id, edition: 1, revision, pdf: new Uint8Array(pdf), size: pdf.length, sha256: sha256Hex(pdf) },
      select: { id: true },
    });
  }
  for (const [index, [side, signer, party]] of signers.entries()) {
    await tx.contractSignature.create({
      data: {
        contractId: contract.id,
        edition: 1,
        revision: index + 1,
        side,
        fieldName: SIGNATURE_FIELD_BY_SIDE[side],
        signerUserId: party.userId,
        organizationId: party.organizationId,
        certificateId: signer.certificateId,
        signedAt: now,
        timestampSerialHex: timestampSerials[index] ?? "",
      },
      select: { id: true },
    });
  }
  const events = [
    { kind: "CREATED", party: input.orderer },
    { kind: "SENT", party: input.orderer },
    { kind: "SIGNED", party: input.contractor },
    { kind: "SIGNED", party: input.orderer },
    { kind: "COMPLETED", party: input.orderer },
  ] as const;
  for (const [index, event] of events.entries()) {
    await tx.contractEvent.create({
      data: {
        contractId: contract.id,
        kind: event.kind,
        edition: 1,
        actorUserId: event.party.userId,
        actorOrganizationId: event.party.organizationId,
        // One millisecond apart, so the timeline keeps its order.
        createdAt: new Date(now.getTime() + index),
      },
      select: { id: true },
    });
  }
  await recordAuditEvent(tx, { action: "demo.contract.seeded", target: { type: "Contract", id: contract.id }, data: { contractNumber: DEMO_CONTRACT_NUMBER } });
  return contract.id;
}
