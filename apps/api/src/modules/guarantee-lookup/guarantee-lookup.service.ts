// The verification lookup (issue 7, DESIGN.md §4): a guarantee number and its authentication key open the
// certificate, its signed versions and their signature status, for anyone; a signed-in user of the guarantee's
// orderer may then accept it (접수, linking it to their contract) or return it (반려). The contractor and the surety
// read who looked and who failed.
//
// The rules that keep the lookup from being an oracle or a brute-force target:
// - every wrong pair gets the same 404 and costs the same work: one read by number, one HMAC compared in constant
//   time (against a dummy when the number is unknown), one SQL statement counting the failure;
// - failures count per number (locking that number for everyone, whether or not it exists) and per client address,
//   in the database, so the limits hold across restarts and instances; a success resets nothing (an attacker who
//   knows one valid pair could otherwise interleave it to keep guessing another number's key);
// - the lock is checked before the key: the attempt after the limit is refused even with the right key.
import type { OrganizationKind } from "@pwp/shared/enums";
import type {
  AcceptGuaranteeBody,
  GuaranteeLookupLog,
  GuaranteeLookupPdfBody,
  GuaranteeLookupResult,
  LookupVersion,
  ReturnGuaranteeBody,
  VerifyGuaranteeBody,
} from "@pwp/shared/guarantee-lookup";
import { guaranteeDisplayStatus, type GuaranteeCertificateDocument, type GuaranteeDisplayStatus } from "@pwp/shared/guarantees";
import { LRUCache } from "lru-cache";
import type { LeanQuery, PrismaClient } from "../../db/database.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/app-error.ts";
import { recordAuditEvent } from "../../lib/audit.ts";
import type { Notifier } from "../../lib/mail/notifier.ts";
import { createAuthKeys } from "../../lib/guarantee-auth-keys.ts";
import { createGroupCommit } from "../../lib/group-commit.ts";
import type { PlatformPki } from "../../plugins/pki.ts";
import * as repository from "./guarantee-lookup.repository.ts";
import { addressSubjectOf, normalizeAuthKeyInput, normalizeGuaranteeNumber } from "./lookup-input.ts";
import { isRevokedAtSigning, readStoredVerification, toSignatureStatus, type RevocationCheck, type StoredVerification } from "./lookup-signatures.ts";

interface Dependencies {
  prisma: PrismaClient;
  query: LeanQuery;
  pki: PlatformPki;
  config: {
    pkiMasterKey: Uint8Array;
    lookupMaxFailuresPerNumber: number;
    lookupMaxFailuresPerAddress: number;
    lookupWindowMinutes: number;
    lookupLockMinutes: number;
  };
  /** Tells the contractor and the surety of the orderer's decision. */
  notifier?: Notifier;
  now?: () => Date;
}

/** Who is looking: the client address always, the signed-in user when there is one. */
export type LookupClient = { ipAddress: string; viewer: { userId: string; organizationId: string; kind: OrganizationKind } | null };

/** The one answer to every wrong pair, unknown number, offline or not yet issued guarantee. */
export const LOOKUP_NOT_FOUND_MESSAGE =
  "No guarantee matches this guarantee number and authentication key. Check both against the key notice (letters in the key are case-sensitive).";
/** The view log keeps everything; the guarantee page shows the newest entries. */
const LOG_ENTRIES_SHOWN = 200;
/** Guarantees whose mapped versions stay in memory (a few kB each). */
const CACHED_GUARANTEES = 2_000;
/** Views written in one statement at most. */
const VIEWS_PER_WRITE = 500;
const MINUTE_MS = 60_000;

const TIME_ZONE_BY_LANGUAGE = { ko: "Asia/Seoul", ja: "Asia/Tokyo" } as const;
const dateFormatters = {
  ko: new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE_BY_LANGUAGE.ko, year: "numeric", month: "2-digit", day: "2-digit" }),
  ja: new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE_BY_LANGUAGE.ja, year: "numeric", month: "2-digit", day: "2-digit" }),
};

/** YYYY-MM-DD in the document's country (the certificate's period is in its dates). */
function todayIn(language: GuaranteeCertificateDocument["language"], at: Date): string {
  return dateFormatters[language].format(at);
}

/** The unlock time as people in both countries read it: both keep UTC+9 all year. */
function formatUnlockTime(at: Date): string {
  return `${new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace("T", " ")} (UTC+9)`;
}

const isoDate = (value: Date) => value.toISOString().slice(0, 10);

/** Issued on the platform at least once: what the lookup can show. Drafts, applications, refusals and offline records cannot be looked up. */
function isLookupable(row: repository.LookupGuaranteeRow | null): row is repository.LookupGuaranteeRow {
  return row !== null && row.origin === "PLATFORM" && row.currentVersion > 0 && (row.status === "ISSUED" || row.status === "CANCELLED" || row.status === "RELEASED");
}

function refuseField(field: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", `${field} ${message}.`, { fields: [{ field, message }] });
}

export function createGuaranteeLookupService({ prisma, query, pki, config, notifier, now = () => new Date() }: Dependencies) {
  const authKeys = createAuthKeys(config.pkiMasterKey);
  // A guarantee's signed versions never change once signed, and their revocation status changes only with a new CRL:
  // keyed by guarantee, current version and CRL number, an entry is exact for as long as those three hold, in any
  // number of API instances, with nothing to invalidate.
  const versionCache = new LRUCache<string, LookupVersion[]>({ max: CACHED_GUARANTEES });
  const viewLog = createGroupCommit((views: repository.ViewEntry[]) => repository.insertViews(query, views), { maxBatch: VIEWS_PER_WRITE });

  function lockedOut(read: repository.LookupRead): AppError {
    const retryAt = new Date(Math.max(read.numberLockedUntil?.getTime() ?? 0, read.addressLockedUntil?.getTime() ?? 0));
    const message = read.numberLockedUntil
      ? `This guarantee number is locked after too many wrong attempts. Try again after ${formatUnlockTime(retryAt)}.`
      : `Too many wrong attempts came from your network address. Try again after ${formatUnlockTime(retryAt)}.`;
    return new AppError("RATE_LIMITED", message, { retryAt });
  }

  /**
   * The guarantee these credentials open, or 429 while the number or the address is locked, or the one 404 (after
   * counting the failure). Every caller of the lookup goes through here: the view, the PDF, accept and return.
   */
  async function checkCredentials(credentials: VerifyGuaranteeBody, ipAddress: string): Promise<{ row: repository.LookupGuaranteeRow; crlNumber: bigint | null }> {
    const at = now();
    const number = normalizeGuaranteeNumber(credentials.guaranteeNumber);
    const address = addressSubjectOf(ipAddress);
    const read = await repository.readForLookup(query, { number, address, at, crlIssuerId: pki.issuing.id });
    if (read.numberLockedUntil || read.addressLockedUntil) throw lockedOut(read);

    const row = read.guarantee;
    const candidate = isLookupable(row) ? row : null;
    if (authKeys.verifyAuthKeyOrDummy(candidate, normalizeAuthKeyInput(credentials.authKey)) && candidate) return { row: candidate, crlNumber: read.crlNumber };

    await repository.recordFailure(prisma, {
      number,
      address,
      ipAddress,
      // The alert goes to any platform guarantee with this number, issued or not: its parties should know.
      guaranteeId: row?.origin === "PLATFORM" ? row.id : null,
      at,
      windowStartsAfter: new Date(at.getTime() - config.lookupWindowMinutes * MINUTE_MS),
      lockedUntil: new Date(at.getTime() + config.lookupLockMinutes * MINUTE_MS),
      maxPerNumber: config.lookupMaxFailuresPerNumber,
      maxPerAddress: config.lookupMaxFailuresPerAddress,
    });
    throw new AppError("NOT_FOUND", LOOKUP_NOT_FOUND_MESSAGE);
  }

  /**
   * Each version's stored verification, re-checked for revocation when the issuing CA has published a CRL since it
   * was last checked (every revocation publishes one): the signer certificate's revocation is looked up in the
   * Certificate table and stored with the CRL number, so the next view reads it again without work.
   */
  async function currentVerifications(rows: repository.LookupVersionRow[], crlNumber: bigint | null): Promise<StoredVerification[]> {
    const stored = rows.map((row) => readStoredVerification(row.verification));
    if (crlNumber === null) return stored;
    const stale = rows.flatMap((row, index) => (row.verifiedCrlNumber !== crlNumber ? [index] : []));
    if (stale.length === 0) return stored;

    const certificateIdOf = (index: number) => rows[index]?.certificateId ?? stored[index]?.signedData?.certificateId ?? null;
    const certificateIds = [...new Set(stale.flatMap((index) => certificateIdOf(index) ?? []))];
    const revocations = certificateIds.length > 0 ? await repository.findCertificateRevocations(prisma, certificateIds) : [];
    const checkedAt = now().toISOString();
    for (const index of stale) {
      const row = rows[index] as repository.LookupVersionRow;
      const certificate = revocations.find((revocation) => revocation.id === certificateIdOf(index));
      const revocation: RevocationCheck = {
        checkedAt,
        crlNumber: crlNumber.toString(),
        isRevoked: isRevokedAtSigning(certificate?.revokedAt ?? null, row.signedAt),
        revokedAt: certificate?.revokedAt?.toISOString() ?? null,
        revocationReason: certificate?.revocationReason ?? null,
      };
      const updated: StoredVerification = { ...stored[index], revocation };
      stored[index] = updated;
      await repository.updateVersionVerification(prisma, {
        versionId: row.id,
        previousCrlNumber: row.verifiedCrlNumber,
        crlNumber,
        verification: updated as Prisma.InputJsonObject,
      });
    }
    return stored;
  }

  function displayStatusOf(row: repository.LookupGuaranteeRow, language: GuaranteeCertificateDocument["language"]): GuaranteeDisplayStatus {
    return guaranteeDisplayStatus({
      origin: row.origin,
      status: row.status,
      currentVersion: row.currentVersion,
      guaranteeEndDate: isoDate(row.guaranteeEndDate),
      today: todayIn(language, now()),
    });
  }

  /** The guarantee's orderer: the platform orderer it names, or the orderer of the contract it is linked to. */
  function isOrdererOf(row: repository.LookupGuaranteeRow, linked: { ordererOrganizationId: string } | null, organizationId: string): boolean {
    return row.ordererOrganizationId === organizationId || linked?.ordererOrganizationId === organizationId;
  }

  /** Only an issued guarantee within its period can be accepted or returned (not cancelled, released or expired). */
  const canDecideOn = (row: repository.LookupGuaranteeRow, displayStatus: GuaranteeDisplayStatus) => row.status === "ISSUED" && displayStatus !== "EXPIRED";

  /** The signed versions as the lookup shows them, newest first: read, re-checked and mapped once per cache key. */
  async function signedVersionsOf(row: repository.LookupGuaranteeRow, crlNumber: bigint | null): Promise<LookupVersion[]> {
    const key = `${row.id}:${row.currentVersion}:${crlNumber ?? "none"}`;
    const cached = versionCache.get(key);
    if (cached) return cached;
    const versionRows = await repository.listSignedVersions(prisma, row.id, row.currentVersion);
    const verifications = await currentVerifications(versionRows, crlNumber);
    const versions: LookupVersion[] = versionRows.map((version, index) => {
      // Stored by the guarantees module only after canonicalJsonOf checked it against the schema.
      const document = JSON.parse(version.canonicalJson) as GuaranteeCertificateDocument;
      return {
        number: version.number,
        kind: version.kind,
        changes: version.changes as LookupVersion["changes"],
        reason: version.reason,
        reachedPlatformAt: version.createdAt.toISOString(),
        document,
        signature: toSignatureStatus(verifications[index] ?? {}, { suretyName: document.surety.name, checkedAt: version.createdAt.toISOString() }),
      };
    });
    versionCache.set(key, versions);
    return versions;
  }

  async function toResult(row: repository.LookupGuaranteeRow, crlNumber: bigint | null, viewer: LookupClient["viewer"]): Promise<GuaranteeLookupResult> {
    const versions = await signedVersionsOf(row, crlNumber);
    const displayStatus = displayStatusOf(row, versions[0]?.document.language ?? "ko");

    const needsLinked = row.contractId !== null && (row.acceptanceStatus === "ACCEPTED" || (viewer?.kind === "ORDERER" && row.ordererOrganizationId !== viewer.organizationId));
    const linked = needsLinked && row.contractId ? await repository.findContractRef(prisma, row.contractId) : null;
    const isOrderer = viewer?.kind === "ORDERER" && isOrdererOf(row, linked, viewer.organizationId);
    // A guarantee applied for from a contract can only be accepted for that contract (chooseContract): then that is
    // the one candidate, not every contract the orderer has with the contractor.
    const contracts = !isOrderer || !viewer
      ? []
      : row.contractId
        ? [linked ?? (await repository.findContractRef(prisma, row.contractId))].filter((contract) => contract !== null)
        : await repository.listLinkableContracts(prisma, viewer.organizationId, row.contractorOrganizationId);
    const contractRef = (contract: { id: string; contractNumber: string; title: string }) => ({ id: contract.id, contractNumber: contract.contractNumber, title: contract.title });

    return {
      guaranteeNumber: row.guaranteeNumber,
      kind: row.kind,
      currency: row.currency,
      displayStatus,
      versions,
      acceptance:
        row.acceptanceStatus && row.acceptanceDecidedAt
          ? {
              status: row.acceptanceStatus,
              reason: row.acceptanceReason,
              decidedAt: row.acceptanceDecidedAt.toISOString(),
              contract: row.acceptanceStatus === "ACCEPTED" && linked ? contractRef(linked) : null,
            }
          : null,
      ordererActions: isOrderer ? { canDecide: canDecideOn(row, displayStatus), contracts: contracts.map(contractRef) } : null,
    };
  }

  function recordView(row: repository.LookupGuaranteeRow, versionNumber: number, client: LookupClient): Promise<void> {
    return viewLog.add({
      guaranteeId: row.id,
      versionNumber,
      ipAddress: client.ipAddress,
      viewerUserId: client.viewer?.userId ?? null,
      viewerOrganizationId: client.viewer?.organizationId ?? null,
      createdAt: now(),
    });
  }

  async function lookup(body: VerifyGuaranteeBody, client: LookupClient): Promise<GuaranteeLookupResult> {
    const { row, crlNumber } = await checkCredentials(body, client.ipAddress);
    const result = await toResult(row, crlNumber, client.viewer);
    await recordView(row, result.versions[0]?.number ?? row.currentVersion, client);
    return result;
  }

  /** A signed version's certificate PDF (the current one by default); the download is logged as a view of that version. */
  async function getCertificatePdf(body: GuaranteeLookupPdfBody, client: LookupClient) {
    const { row } = await checkCredentials(body, client.ipAddress);
    const version = await repository.findVersionCertificatePdf(prisma, row.id, body.versionNumber ?? null);
    if (!version) {
      throw new AppError("NOT_FOUND", `This guarantee has no version ${body.versionNumber ?? ""}: it has versions 1 to ${row.currentVersion}.`, {
        fields: [{ field: "body.versionNumber", message: `is not a version of this guarantee (1 to ${row.currentVersion})` }],
      });
    }
    await recordView(row, version.number, client);
    return { pdf: new Uint8Array(version.certificatePdf), guaranteeNumber: row.guaranteeNumber, number: version.number };
  }

  // ---- the orderer's decision ------------------------------------------------------------------------------------------

  type Decision = { status: "ACCEPTED"; contractId: string | undefined } | { status: "RETURNED"; reason: string };

  /** The contract an acceptance links to: the one already linked, the one named, or the only candidate. */
  async function chooseContract(actor: Actor, row: repository.LookupGuaranteeRow, linked: { id: string; contractNumber: string } | null, contractId: string | undefined) {
    if (linked) {
      if (contractId !== undefined && contractId !== linked.id) {
        throw refuseField("body.contractId", `must be the contract this guarantee was applied for (${linked.contractNumber}), or left out`);
      }
      return linked.id;
    }
    const candidates = await repository.listLinkableContracts(prisma, actor.organizationId, row.contractorOrganizationId);
    if (contractId !== undefined) {
      if (!candidates.some((candidate) => candidate.id === contractId)) throw refuseField("body.contractId", "is not one of your contracts with this guarantee's contractor");
      return contractId;
    }
    if (candidates.length > 1) {
      throw refuseField("body.contractId", `is required: you have ${candidates.length} contracts with this contractor; choose the one this guarantee is for`);
    }
    // No contract with this contractor on the platform: accepted without a link (the contract was made elsewhere).
    return candidates[0]?.id ?? null;
  }

  async function decide(actor: Actor, credentials: VerifyGuaranteeBody, decision: Decision): Promise<GuaranteeLookupResult> {
    const { row, crlNumber } = await checkCredentials(credentials, actor.ipAddress);
    const linked = row.contractId ? await repository.findContractRef(prisma, row.contractId) : null;
    if (!isOrdererOf(row, linked, actor.organizationId)) {
      throw new AppError("FORBIDDEN", "Only the orderer this guarantee is addressed to can accept or return it.");
    }
    const viewer = { userId: actor.userId, organizationId: actor.organizationId, kind: "ORDERER" as const };
    const versions = await signedVersionsOf(row, crlNumber);
    const language = versions[0]?.document.language ?? "ko";
    const displayStatus = displayStatusOf(row, language);
    if (!canDecideOn(row, displayStatus)) {
      throw new AppError("CONFLICT", `A guarantee that is ${displayStatus.toLowerCase()} can no longer be accepted or returned.`, { currentState: displayStatus });
    }

    const contractId = decision.status === "ACCEPTED" ? await chooseContract(actor, row, linked, decision.contractId) : undefined;
    const reason = decision.status === "RETURNED" ? decision.reason.trim() : "";
    // The same decision again (a retry, a second click): nothing changes, the answer is the same.
    const isRepeat = row.acceptanceStatus === decision.status && row.acceptanceReason === reason && (contractId === undefined || contractId === row.contractId);
    if (isRepeat) return toResult(row, crlNumber, viewer);

    const at = now();
    const eventKind = decision.status === "ACCEPTED" ? "ACCEPTED" : "RETURNED_BY_ORDERER";
    await prisma.$transaction(async (tx) => {
      const isDecided = await repository.decideAcceptance(
        tx,
        { guaranteeId: row.id, acceptanceDecidedAt: row.acceptanceDecidedAt },
        {
          acceptanceStatus: decision.status,
          acceptanceReason: reason,
          acceptanceDecidedAt: at,
          acceptanceDecidedById: actor.userId,
          ...(contractId ? { contractId } : {}),
        },
      );
      if (!isDecided) {
        throw new AppError("CONFLICT", "The guarantee changed while you decided (someone else decided, or the surety changed it): look it up again.", {
          currentState: row.status,
        });
      }
      await repository.createEvent(tx, { guaranteeId: row.id, kind: eventKind, versionNumber: row.currentVersion, actorUserId: actor.userId, actorOrganizationId: actor.organizationId, reason });
      await recordAuditEvent(tx, {
        action: decision.status === "ACCEPTED" ? "guarantees.accepted_by_orderer" : "guarantees.returned_by_orderer",
        actor,
        target: { type: "Guarantee", id: row.id },
        ipAddress: actor.ipAddress,
        data: { guaranteeNumber: row.guaranteeNumber, versionNumber: row.currentVersion, contractId: contractId ?? row.contractId, previous: row.acceptanceStatus, reason },
      });
      const parties = await tx.guarantee.findUniqueOrThrow({
        where: { id: row.id },
        select: { contractorOrganizationId: true, suretyOrganizationId: true, worksTitle: true },
      });
      const orderer = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { nameLocal: true } });
      await notifier?.notify(tx, {
        kind: "GUARANTEE_DECIDED_BY_ORDERER",
        eventKey: `guarantee:${row.id}:orderer:${decision.status}:${at.getTime()}`,
        organizationIds: [parties.contractorOrganizationId, ...(parties.suretyOrganizationId ? [parties.suretyOrganizationId] : [])],
        params: { organization: orderer.nameLocal, number: row.guaranteeNumber ?? "", title: parties.worksTitle, decision: decision.status, reason },
        link: `/guarantees/${row.id}`,
      });
    });
    const updated = await repository.findAcceptance(prisma, row.id);
    return toResult({ ...row, ...updated }, crlNumber, viewer);
  }

  // ---- the log ---------------------------------------------------------------------------------------------------------

  async function getLookupLog(actor: Actor, guaranteeId: string): Promise<GuaranteeLookupLog> {
    if (!(await repository.findVisibleGuarantee(prisma, actor.organizationId, guaranteeId))) {
      throw new AppError("NOT_FOUND", "There is no such guarantee among your organisation's guarantees.");
    }
    const [views, failures] = await Promise.all([repository.listViews(prisma, guaranteeId, LOG_ENTRIES_SHOWN), repository.listFailures(prisma, guaranteeId, LOG_ENTRIES_SHOWN)]);
    return {
      views: views.map((view) => ({ at: view.createdAt.toISOString(), ipAddress: view.ipAddress, versionNumber: view.versionNumber, viewerOrganizationName: view.viewerOrganizationName })),
      failedAttempts: failures.map((failure) => ({ at: failure.createdAt.toISOString(), ipAddress: failure.ipAddress })),
    };
  }

  return {
    lookup,
    getCertificatePdf,
    acceptGuarantee: (actor: Actor, body: AcceptGuaranteeBody) => decide(actor, body, { status: "ACCEPTED", contractId: body.contractId }),
    returnGuarantee: (actor: Actor, body: ReturnGuaranteeBody) => decide(actor, body, { status: "RETURNED", reason: body.reason }),
    getLookupLog,
    flushViewLog: () => viewLog.flush(),
  };
}

export type GuaranteeLookupService = ReturnType<typeof createGuaranteeLookupService>;
