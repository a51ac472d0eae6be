// The electronic certificate's structured data (GuaranteeCertificateDocument in packages/shared) and its one text
// form: the JSON the surety signs (a detached CMS over its UTF-8 bytes), the certificate PDF prints and the lookup
// shows. "Canonical" here means: keys in the schema's order at every level, no whitespace, JSON.stringify's escaping
// (non-ASCII characters as themselves), UTF-8. Anyone holding the schema rebuilds the same bytes from the same data.
import { Value } from "typebox/value";
import type { CURRENCY_BY_COUNTRY, Currency, GuaranteeKind } from "@pwp/shared/contracts";
import {
  GuaranteeCertificateDocumentSchema,
  type GuaranteeAmendment,
  type GuaranteeCertificateDocument,
  type GuaranteeVersionKind,
} from "@pwp/shared/guarantees";

export const CERTIFICATE_DOCUMENT_TYPE = "pwp.guarantee.certificate.v1";

type Party = GuaranteeCertificateDocument["contractor"];
export type DocumentLanguage = GuaranteeCertificateDocument["language"];
type Country = keyof typeof CURRENCY_BY_COUNTRY;

/** Both countries keep UTC+9 all year: a date "today" is the date there. */
const UTC_PLUS_9_MS = 9 * 3_600_000;

export function dateInKoreaJapan(at: Date): string {
  return new Date(at.getTime() + UTC_PLUS_9_MS).toISOString().slice(0, 10);
}

/** The orderer's country decides (the certificate is for the orderer), the contractor's when the orderer is not on the platform. */
export function languageOf(ordererCountry: Country | null, contractorCountry: Country): DocumentLanguage {
  return (ordererCountry ?? contractorCountry) === "JP" ? "ja" : "ko";
}

export function partyOf(organization: { nameLocal: string; registrationNumber: string; representativeName: string; address: string }): Party {
  return {
    name: organization.nameLocal,
    registrationNumber: organization.registrationNumber,
    representativeName: organization.representativeName,
    address: organization.address,
  };
}

/** An orderer that is not on the platform: the certificate knows only the name the contractor entered. */
export function namedPartyOf(name: string): Party {
  return { name, registrationNumber: null, representativeName: "", address: "" };
}

/** The guarantee's terms as the document carries them (the row's values, or the row's with an amendment applied). */
export type GuaranteeTerms = {
  worksTitle: string;
  ordererName: string;
  contractAmount: number;
  contractDate: string;
  worksStartDate: string;
  worksEndDate: string;
  guaranteeAmount: number;
  guaranteeStartDate: string;
  guaranteeEndDate: string;
  depositBankName: string;
  depositBranchName: string;
};

export function applyAmendment(terms: GuaranteeTerms, amendment: GuaranteeAmendment | undefined): GuaranteeTerms {
  if (!amendment) return terms;
  const trimmed = (value: string | undefined) => value?.trim();
  return {
    ...terms,
    ...(amendment.guaranteeAmount !== undefined ? { guaranteeAmount: amendment.guaranteeAmount } : {}),
    ...(amendment.guaranteeStartDate !== undefined ? { guaranteeStartDate: amendment.guaranteeStartDate } : {}),
    ...(amendment.guaranteeEndDate !== undefined ? { guaranteeEndDate: amendment.guaranteeEndDate } : {}),
    ...(amendment.contractAmount !== undefined ? { contractAmount: amendment.contractAmount } : {}),
    ...(amendment.worksStartDate !== undefined ? { worksStartDate: amendment.worksStartDate } : {}),
    ...(amendment.worksEndDate !== undefined ? { worksEndDate: amendment.worksEndDate } : {}),
    ...(amendment.worksTitle !== undefined ? { worksTitle: trimmed(amendment.worksTitle) as string } : {}),
    ...(amendment.ordererName !== undefined ? { ordererName: trimmed(amendment.ordererName) as string } : {}),
    ...(amendment.depositBankName !== undefined ? { depositBankName: trimmed(amendment.depositBankName) as string } : {}),
    ...(amendment.depositBranchName !== undefined ? { depositBranchName: trimmed(amendment.depositBranchName) as string } : {}),
  };
}

export function buildCertificateDocument(input: {
  guaranteeNumber: string;
  versionNumber: number;
  versionKind: GuaranteeVersionKind;
  kind: GuaranteeKind;
  language: DocumentLanguage;
  contractor: Party;
  /** A joint venture's other firms, when the contractor is its lead; empty otherwise. */
  jvMembers?: Party[];
  /** The platform orderer's details; its printed name is terms.ordererName either way. */
  orderer: Party | null;
  surety: Party;
  currency: Currency;
  terms: GuaranteeTerms;
  issuedOn: string;
  reason: string;
}): GuaranteeCertificateDocument {
  const { terms } = input;
  const orderer = input.orderer ? { ...input.orderer, name: terms.ordererName } : namedPartyOf(terms.ordererName);
  return {
    type: CERTIFICATE_DOCUMENT_TYPE,
    guaranteeNumber: input.guaranteeNumber,
    versionNumber: input.versionNumber,
    versionKind: input.versionKind,
    kind: input.kind,
    language: input.language,
    contractor: input.contractor,
    jvMembers: input.jvMembers ?? [],
    orderer,
    worksTitle: terms.worksTitle,
    currency: input.currency,
    contractAmount: terms.contractAmount,
    contractDate: terms.contractDate,
    worksStartDate: terms.worksStartDate,
    worksEndDate: terms.worksEndDate,
    guaranteeAmount: terms.guaranteeAmount,
    guaranteeStartDate: terms.guaranteeStartDate,
    guaranteeEndDate: terms.guaranteeEndDate,
    // Printed when there is a bank to print (advance payments require one; other kinds may name one).
    depositBank: terms.depositBankName ? { bankName: terms.depositBankName, branchName: terms.depositBranchName } : null,
    surety: input.surety,
    issuedOn: input.issuedOn,
    reason: input.reason,
  };
}

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };

/** `value` rebuilt with its object keys in the schema's order; anything the schema does not know is an error. */
function inSchemaOrder(schema: JsonSchema, value: unknown, path: string): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    if (!schema.items) throw new Error(`${path} is not an array in the schema`);
    return value.map((item, index) => inSchemaOrder(schema.items as JsonSchema, item, `${path}[${index}]`));
  }
  const objectSchema = schema.properties ? schema : schema.anyOf?.find((variant) => variant.properties);
  if (!objectSchema?.properties) throw new Error(`${path} is not an object in the schema`);
  const record = value as Record<string, unknown>;
  const unknownKey = Object.keys(record).find((key) => !(key in (objectSchema.properties as object)));
  if (unknownKey) throw new Error(`${path}.${unknownKey} is not in the schema`);
  const ordered: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(objectSchema.properties)) {
    if (record[key] !== undefined) ordered[key] = inSchemaOrder(property, record[key], `${path}.${key}`);
  }
  return ordered;
}

/** The exact text the surety signs. Refuses a document that does not match the schema (a bug, never user input). */
export function canonicalJsonOf(document: GuaranteeCertificateDocument): string {
  if (!Value.Check(GuaranteeCertificateDocumentSchema, document)) {
    const first = [...Value.Errors(GuaranteeCertificateDocumentSchema, document)][0];
    throw new Error(`The certificate document does not match its schema: ${first ? `${first.instancePath} ${first.message}` : "unknown"}`);
  }
  return JSON.stringify(inSchemaOrder(GuaranteeCertificateDocumentSchema as JsonSchema, document, "document"));
}

export function parseCertificateDocument(canonicalJson: string): GuaranteeCertificateDocument {
  const value: unknown = JSON.parse(canonicalJson);
  if (!Value.Check(GuaranteeCertificateDocumentSchema, value)) throw new Error("A stored certificate document does not match its schema");
  return value;
}

export function termsOf(document: GuaranteeCertificateDocument): GuaranteeTerms {
  return {
    worksTitle: document.worksTitle,
    ordererName: document.orderer.name,
    contractAmount: document.contractAmount,
    contractDate: document.contractDate,
    worksStartDate: document.worksStartDate,
    worksEndDate: document.worksEndDate,
    guaranteeAmount: document.guaranteeAmount,
    guaranteeStartDate: document.guaranteeStartDate,
    guaranteeEndDate: document.guaranteeEndDate,
    depositBankName: document.depositBank?.bankName ?? "",
    depositBranchName: document.depositBank?.branchName ?? "",
  };
}

/** The terms a change or correction can alter, in the order the history lists them. */
export const AMENDABLE_FIELDS = [
  "guaranteeAmount",
  "guaranteeStartDate",
  "guaranteeEndDate",
  "contractAmount",
  "worksStartDate",
  "worksEndDate",
  "worksTitle",
  "ordererName",
  "depositBankName",
  "depositBranchName",
] as const satisfies readonly (keyof GuaranteeTerms & keyof GuaranteeAmendment)[];

export type TermChange = { field: string; before: string | null; after: string | null };

/** What differs between two versions' terms, as text (amounts in whole units, dates YYYY-MM-DD; "" → null). */
export function diffTerms(before: GuaranteeTerms, after: GuaranteeTerms): TermChange[] {
  const text = (value: string | number) => (value === "" ? null : String(value));
  return AMENDABLE_FIELDS.filter((field) => before[field] !== after[field]).map((field) => ({ field, before: text(before[field]), after: text(after[field]) }));
}
