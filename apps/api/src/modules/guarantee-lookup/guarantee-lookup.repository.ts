// The only Prisma calls of the guarantee lookup. The public lookup finds a guarantee by its number alone (the key is
// the access check); the view log is scoped to the guarantee's two parties in its where clause; the orderer's
// contracts are scoped to the caller's organisation. Each attempt reads in one statement (readForLookup) and counts a failure in one (recordFailure);
// the read and the view log go to the driver directly (LeanQuery), the hot path's two statements.
import type { Currency, GuaranteeKind } from "@pwp/shared/contracts";
import type { GuaranteeStatus } from "@pwp/shared/guarantees";
import type { DbClient, LeanQuery } from "../../db/database.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { guaranteeVisibleTo } from "../../lib/guarantee-access.ts";

export type CounterScope = "NUMBER" | "ADDRESS";

/**
 * Counts one failed attempt against the number and the address, and records the failed-attempt alert when the number
 * is a guarantee's — all in one statement, so a wrong number and a wrong key cost the same round trip and concurrent
 * failures all count: INSERT … ON CONFLICT DO UPDATE takes the row lock, each increment sees the one before.
 *
 * Fixed windows: a counter whose window is over (or whose lock has run out) starts again at 1; the failure that
 * reaches its limit sets lockedUntil. A lock is never shortened by a later failure.
 */
export async function recordFailure(
  db: DbClient,
  input: {
    number: string;
    address: string;
    ipAddress: string;
    guaranteeId: string | null;
    at: Date;
    windowStartsAfter: Date;
    lockedUntil: Date;
    maxPerNumber: number;
    maxPerAddress: number;
  },
): Promise<void> {
  const { at, windowStartsAfter, lockedUntil } = input;
  const upsert = (scope: CounterScope, subject: string, max: number) => Prisma.sql`
    INSERT INTO "GuaranteeLookupCounter" AS c ("id", "scope", "subject", "windowStart", "failures", "lockedUntil", "updatedAt")
    VALUES (gen_random_uuid(), ${scope}, ${subject}, ${at}::timestamptz, 1, CASE WHEN 1 >= ${max}::int THEN ${lockedUntil}::timestamptz END, ${at}::timestamptz)
    ON CONFLICT ("scope", "subject") DO UPDATE SET
      "windowStart" = CASE WHEN c."windowStart" <= ${windowStartsAfter}::timestamptz OR c."lockedUntil" <= ${at}::timestamptz THEN ${at}::timestamptz ELSE c."windowStart" END,
      "failures" = CASE WHEN c."windowStart" <= ${windowStartsAfter}::timestamptz OR c."lockedUntil" <= ${at}::timestamptz THEN 1 ELSE c."failures" + 1 END,
      "lockedUntil" = CASE
        WHEN c."windowStart" <= ${windowStartsAfter}::timestamptz OR c."lockedUntil" <= ${at}::timestamptz
          THEN CASE WHEN 1 >= ${max}::int THEN ${lockedUntil}::timestamptz END
        WHEN c."failures" + 1 >= ${max}::int THEN GREATEST(c."lockedUntil", ${lockedUntil}::timestamptz)
        ELSE c."lockedUntil"
      END,
      "updatedAt" = ${at}::timestamptz
    RETURNING c."failures"`;
  await db.$queryRaw`
    WITH number_counter AS (${upsert("NUMBER", input.number, input.maxPerNumber)}),
      address_counter AS (${upsert("ADDRESS", input.address, input.maxPerAddress)}),
      alert AS (
        INSERT INTO "GuaranteeLookupFailure" ("id", "guaranteeId", "ipAddress", "createdAt")
        SELECT gen_random_uuid(), ${input.guaranteeId}::uuid, ${input.ipAddress}, ${at}::timestamptz WHERE ${input.guaranteeId}::uuid IS NOT NULL
        RETURNING "id"
      )
    SELECT (SELECT count(*) FROM number_counter)::int AS "numbers", (SELECT count(*) FROM address_counter)::int AS "addresses", (SELECT count(*) FROM alert)::int AS "alerts"`;
}

/** The counters as they stand (tests and the benchmark read them). */
export function findCounter(db: DbClient, scope: CounterScope, subject: string) {
  return db.guaranteeLookupCounter.findUnique({ where: { scope_subject: { scope, subject } }, select: { failures: true, windowStart: true, lockedUntil: true } });
}

export type LookupGuaranteeRow = {
  id: string;
  origin: "PLATFORM" | "OFFLINE";
  kind: GuaranteeKind;
  status: GuaranteeStatus;
  currency: Currency;
  guaranteeNumber: string;
  authKeyHash: string | null;
  currentVersion: number;
  guaranteeEndDate: Date;
  contractorOrganizationId: string;
  ordererOrganizationId: string | null;
  contractId: string | null;
  acceptanceStatus: "ACCEPTED" | "RETURNED" | null;
  acceptanceReason: string;
  acceptanceDecidedAt: Date | null;
};

export type LookupRead = {
  /** The later of the number's and the address's locks still running at `at`, by scope. */
  numberLockedUntil: Date | null;
  addressLockedUntil: Date | null;
  /** The issuing CA's newest CRL number (every revocation publishes one): a change means re-checking revocation. */
  crlNumber: bigint | null;
  guarantee: LookupGuaranteeRow | null;
};

type LookupReadJson = {
  numberLockedUntil: string | null;
  addressLockedUntil: string | null;
  crlNumber: string | null;
  guarantee: (Omit<LookupGuaranteeRow, "guaranteeEndDate" | "acceptanceDecidedAt"> & { guaranteeEndDate: string; acceptanceDecidedAt: string | null }) | null;
};

/**
 * What every attempt reads, right or wrong, in one round trip (the lookup is the hottest public path): the locks on
 * this number and this address, the current CRL number, and the guarantee by its unique number (an index lookup; no
 * guarantee when the number is unknown, at the same cost). One json column, so both drivers hand back the same
 * types; on the driver itself (LeanQuery), since Prisma's per-statement cost would be most of the lookup's.
 */
export const LOOKUP_READ_SQL = `
  SELECT json_build_object(
    'numberLockedUntil', (SELECT max(c."lockedUntil") FROM "GuaranteeLookupCounter" c WHERE c."scope" = 'NUMBER' AND c."subject" = $1 AND c."lockedUntil" > $3::timestamptz),
    'addressLockedUntil', (SELECT max(c."lockedUntil") FROM "GuaranteeLookupCounter" c WHERE c."scope" = 'ADDRESS' AND c."subject" = $2 AND c."lockedUntil" > $3::timestamptz),
    'crlNumber', (SELECT max(r."crlNumber")::text FROM "Crl" r WHERE r."issuerId" = $4::uuid),
    'guarantee', (
      SELECT json_build_object(
        'id', g."id", 'origin', g."origin", 'kind', g."kind", 'status', g."status", 'currency', g."currency",
        'guaranteeNumber', g."guaranteeNumber", 'authKeyHash', g."authKeyHash", 'currentVersion', g."currentVersion",
        'guaranteeEndDate', g."guaranteeEndDate", 'contractorOrganizationId', g."contractorOrganizationId",
        'ordererOrganizationId', g."ordererOrganizationId", 'contractId', g."contractId",
        'acceptanceStatus', g."acceptanceStatus", 'acceptanceReason', g."acceptanceReason", 'acceptanceDecidedAt', g."acceptanceDecidedAt")
      FROM "Guarantee" g WHERE g."guaranteeNumber" = $1)
  ) AS "read"`;

export async function readForLookup(query: LeanQuery, input: { number: string; address: string; at: Date; crlIssuerId: string }): Promise<LookupRead> {
  const rows = await query<{ read: LookupReadJson }>(LOOKUP_READ_SQL, [input.number, input.address, input.at.toISOString(), input.crlIssuerId], { name: "guarantee_lookup_read" });
  const read = rows[0]?.read;
  if (!read) throw new Error("The lookup read returned no row");
  const toDate = (value: string | null) => (value === null ? null : new Date(value));
  const { guarantee } = read;
  return {
    numberLockedUntil: toDate(read.numberLockedUntil),
    addressLockedUntil: toDate(read.addressLockedUntil),
    crlNumber: read.crlNumber === null ? null : BigInt(read.crlNumber),
    guarantee: guarantee === null ? null : { ...guarantee, guaranteeEndDate: new Date(guarantee.guaranteeEndDate), acceptanceDecidedAt: toDate(guarantee.acceptanceDecidedAt) },
  };
}

/** The signed versions up to `upTo`, newest first, with what the lookup shows of each: no PDF bytes, no CMS. */
export function listSignedVersions(db: DbClient, guaranteeId: string, upTo: number) {
  return db.guaranteeVersion.findMany({
    where: { guaranteeId, signedAt: { not: null }, number: { lte: upTo } },
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      kind: true,
      changes: true,
      reason: true,
      canonicalJson: true,
      certificateId: true,
      signedAt: true,
      createdAt: true,
      verification: true,
      verifiedCrlNumber: true,
    },
  });
}

export type LookupVersionRow = Awaited<ReturnType<typeof listSignedVersions>>[number];

export function findCertificateRevocations(db: DbClient, certificateIds: string[]) {
  return db.certificate.findMany({ where: { id: { in: certificateIds } }, select: { id: true, revokedAt: true, revocationReason: true } });
}

/** Stores a version's re-checked verification, unless another request stored one for this CRL (or a newer) first. */
export async function updateVersionVerification(
  db: DbClient,
  input: { versionId: string; previousCrlNumber: bigint | null; crlNumber: bigint; verification: Prisma.InputJsonObject },
): Promise<void> {
  await db.guaranteeVersion.updateMany({
    where: { id: input.versionId, verifiedCrlNumber: input.previousCrlNumber },
    data: { verification: input.verification, verifiedCrlNumber: input.crlNumber },
  });
}

/** One signed version's certificate PDF (the newest when number is null). */
export function findVersionCertificatePdf(db: DbClient, guaranteeId: string, number: number | null) {
  return db.guaranteeVersion.findFirst({
    where: { guaranteeId, signedAt: { not: null }, ...(number !== null ? { number } : {}) },
    orderBy: { number: "desc" },
    select: { number: true, certificatePdf: true },
  });
}

export type ViewEntry = { guaranteeId: string; versionNumber: number; ipAddress: string; viewerUserId: string | null; viewerOrganizationId: string | null; createdAt: Date };

/** Several views in one statement (the service's group commit), as one json parameter so both drivers bind it alike. */
export async function insertViews(query: LeanQuery, views: ViewEntry[]): Promise<void> {
  await query(
    `INSERT INTO "GuaranteeView" ("id", "guaranteeId", "versionNumber", "ipAddress", "viewerUserId", "viewerOrganizationId", "createdAt")
     SELECT gen_random_uuid(), v."guaranteeId", v."versionNumber", v."ipAddress", v."viewerUserId", v."viewerOrganizationId", v."createdAt"
     FROM json_to_recordset($1::json) AS v("guaranteeId" uuid, "versionNumber" int, "ipAddress" text, "viewerUserId" uuid, "viewerOrganizationId" uuid, "createdAt" timestamptz)`,
    [JSON.stringify(views)],
  );
}

// ---- the orderer's acceptance ------------------------------------------------------------------------------------

const CONTRACT_REF_SELECT = { id: true, contractNumber: true, title: true } as const satisfies Prisma.ContractSelect;

export function findContractRef(db: DbClient, contractId: string) {
  return db.contract.findUnique({ where: { id: contractId }, select: { ...CONTRACT_REF_SELECT, ordererOrganizationId: true } });
}

/**
 * The orderer's contracts with this contractor that a guarantee can be linked to: sent at least once and not
 * cancelled (a draft is not yet a contract between them), newest first.
 */
export function listLinkableContracts(db: DbClient, ordererOrganizationId: string, contractorOrganizationId: string) {
  return db.contract.findMany({
    where: { ordererOrganizationId, contractorOrganizationId, status: { notIn: ["DRAFT", "CANCELLED"] } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: CONTRACT_REF_SELECT,
  });
}

/**
 * Records the orderer's decision if the guarantee is still issued and undecided as it was read (two orderer users
 * deciding at once: one wins, the other is told). Bumps the guarantees module's optimistic lock, since a link to a
 * contract changes what its pages show.
 */
export async function decideAcceptance(
  db: DbClient,
  expected: { guaranteeId: string; acceptanceDecidedAt: Date | null },
  data: { acceptanceStatus: "ACCEPTED" | "RETURNED"; acceptanceReason: string; acceptanceDecidedAt: Date; acceptanceDecidedById: string; contractId?: string },
): Promise<boolean> {
  const { count } = await db.guarantee.updateMany({
    where: { id: expected.guaranteeId, status: "ISSUED", acceptanceDecidedAt: expected.acceptanceDecidedAt },
    data: { ...data, version: { increment: 1 } },
  });
  return count === 1;
}

/** The decision as stored (read back after it was made). */
export function findAcceptance(db: DbClient, guaranteeId: string) {
  return db.guarantee.findUniqueOrThrow({
    where: { id: guaranteeId },
    select: { contractId: true, acceptanceStatus: true, acceptanceReason: true, acceptanceDecidedAt: true },
  });
}

export function createEvent(
  db: DbClient,
  data: { guaranteeId: string; kind: "ACCEPTED" | "RETURNED_BY_ORDERER"; versionNumber: number; actorUserId: string; actorOrganizationId: string; reason: string },
) {
  return db.guaranteeEvent.create({ data, select: { id: true } });
}

// ---- the log the contractor and the surety see ---------------------------------------------------------------------

export function findVisibleGuarantee(db: DbClient, organizationId: string, guaranteeId: string) {
  return db.guarantee.findFirst({ where: { id: guaranteeId, ...guaranteeVisibleTo(organizationId) }, select: { id: true } });
}

export async function listViews(db: DbClient, guaranteeId: string, take: number) {
  const views = await db.guaranteeView.findMany({
    where: { guaranteeId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { createdAt: true, ipAddress: true, versionNumber: true, viewerOrganizationId: true },
  });
  const organizationIds = [...new Set(views.flatMap((view) => (view.viewerOrganizationId ? [view.viewerOrganizationId] : [])))];
  const organizations =
    organizationIds.length > 0 ? await db.organization.findMany({ where: { id: { in: organizationIds } }, select: { id: true, nameLocal: true } }) : [];
  const nameById = new Map(organizations.map((organization) => [organization.id, organization.nameLocal]));
  return views.map((view) => ({ ...view, viewerOrganizationName: view.viewerOrganizationId ? (nameById.get(view.viewerOrganizationId) ?? null) : null }));
}

export function listFailures(db: DbClient, guaranteeId: string, take: number) {
  return db.guaranteeLookupFailure.findMany({
    where: { guaranteeId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { createdAt: true, ipAddress: true },
  });
}
