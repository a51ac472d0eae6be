// What ops read but do not change here: certificates and the CRL, contracts and guarantees (metadata only — never a
// guarantee's authentication key, its hash or ciphertext, nor any document), and the system's status.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type {
  AdminCertificate,
  AdminCertificateList,
  AdminCertificateQuery,
  AdminContractList,
  AdminContractQuery,
  AdminGuaranteeList,
  AdminGuaranteeQuery,
  CrlStatus,
  SystemStatus,
} from "@pwp/shared/admin-console";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/database.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { recordAuditEvent } from "../../lib/audit.ts";
import { beforePosition, decodePageCursor, toPage } from "../../lib/page-cursor.ts";
import { lockCrlNumbering } from "../../lib/pki/crl-publisher.ts";
import type { PlatformPki } from "../../lib/pki/platform-pki.ts";
import type { MaintenanceState } from "../../lib/maintenance-state.ts";

const PARTY = { select: { id: true, nameLocal: true } } as const;
const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

const CERTIFICATE_SELECT = {
  id: true,
  subjectDn: true,
  issuerDn: true,
  serialNumberHex: true,
  origin: true,
  keyAlgorithm: true,
  notBefore: true,
  notAfter: true,
  revokedAt: true,
  revocationReason: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true } },
  organization: PARTY,
} as const;

const CONTRACT_SELECT = {
  id: true,
  contractNumber: true,
  title: true,
  status: true,
  amount: true,
  currency: true,
  jointVentureName: true,
  edition: true,
  createdAt: true,
  updatedAt: true,
  ordererOrganization: PARTY,
  contractorOrganization: PARTY,
} as const;

const GUARANTEE_SELECT = {
  id: true,
  guaranteeNumber: true,
  kind: true,
  status: true,
  origin: true,
  ordererName: true,
  worksTitle: true,
  guaranteeAmount: true,
  currency: true,
  guaranteeStartDate: true,
  guaranteeEndDate: true,
  issuedAt: true,
  acceptanceStatus: true,
  createdAt: true,
  contractorOrganization: PARTY,
  suretyOrganization: PARTY,
} as const;

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;
const calendarDate = (date: Date) => date.toISOString().slice(0, 10);
const contains = (text: string) => ({ contains: text, mode: "insensitive" as const });

function pageOf(query: { cursor?: string | undefined; limit?: number | undefined }) {
  return { limit: query.limit ?? 50, after: beforePosition(decodePageCursor(query.cursor)) };
}

export function createAdminRecordsService(deps: {
  database: Database;
  config: Config;
  pki: PlatformPki;
  maintenance: MaintenanceState;
  now: () => Date;
  startedAt: Date;
}) {
  const { database, config, pki, maintenance, now } = deps;
  const prisma = database.prisma;

  let version: Promise<string> | undefined;
  /** The release in the checkout's package.json, read once: it does not change while the server runs. */
  function readVersion(): Promise<string> {
    version ??= readFile(path.join(path.dirname(config.migrationsDir), "..", "package.json"), "utf8")
      .then((text) => (JSON.parse(text) as { version?: string }).version ?? "unversioned")
      .catch(() => "unversioned");
    return version;
  }

  return {
    async listCertificates(query: AdminCertificateQuery): Promise<AdminCertificateList> {
      const { limit, after } = pageOf(query);
      const at = now();
      const text = query.q?.trim();
      const status: Prisma.CertificateWhereInput =
        query.status === "REVOKED"
          ? { revokedAt: { not: null } }
          : query.status === "EXPIRED"
            ? { revokedAt: null, notAfter: { lte: at } }
            : query.status === "VALID"
              ? { revokedAt: null, notBefore: { lte: at }, notAfter: { gt: at } }
              : {};
      const rows = await prisma.certificate.findMany({
        where: {
          AND: [
            status,
            query.organizationId ? { organizationId: query.organizationId } : {},
            text
              ? {
                  OR: [
                    { subjectDn: contains(text) },
                    { serialNumberHex: { equals: text.replace(/[\s:]/g, "").toLowerCase() } },
                    { user: { name: contains(text) } },
                    { user: { email: contains(text) } },
                    { organization: { nameLocal: contains(text) } },
                  ],
                }
              : {},
            after,
          ],
        },
        orderBy: NEWEST_FIRST,
        take: limit + 1,
        select: CERTIFICATE_SELECT,
      });
      const page = toPage(rows, limit);
      return {
        certificates: page.items.map(
          (row): AdminCertificate => ({
            id: row.id,
            subjectDn: row.subjectDn,
            issuerDn: row.issuerDn,
            serialNumberHex: row.serialNumberHex,
            origin: row.origin,
            keyAlgorithm: row.keyAlgorithm,
            notBefore: iso(row.notBefore),
            notAfter: iso(row.notAfter),
            revokedAt: isoOrNull(row.revokedAt),
            revocationReason: row.revocationReason,
            holder: row.user,
            organization: row.organization,
          }),
        ),
        nextCursor: page.nextCursor,
      };
    },

    async crlStatus(): Promise<CrlStatus> {
      const crl = await pki.getCurrentCrl();
      const revokedCertificates = await prisma.certificate.count({
        where: { origin: { not: "IMPORTED" }, revokedAt: { not: null }, notAfter: { gt: now() } },
      });
      return {
        crlNumber: crl.crlNumber.toString(),
        thisUpdate: iso(crl.thisUpdate),
        nextUpdate: iso(crl.nextUpdate),
        revokedCertificates,
        issuerDn: pki.issuing.info.subjectDn,
      };
    },

    /** A new CRL now (e.g. after restoring from a backup), numbered after the last one. */
    async publishCrl(actor: Actor): Promise<CrlStatus> {
      await prisma.$transaction(async (tx) => {
        await lockCrlNumbering(tx);
        const published = await pki.publishCrl(tx, now());
        await recordAuditEvent(tx, {
          action: "pki.crl_published",
          actor,
          ipAddress: actor.ipAddress,
          target: { type: "Crl", id: published.crlNumber.toString() },
          data: { crlNumber: published.crlNumber.toString(), byOps: true },
        });
      });
      return this.crlStatus();
    },

    async listContracts(query: AdminContractQuery): Promise<AdminContractList> {
      const { limit, after } = pageOf(query);
      const text = query.q?.trim();
      const rows = await prisma.contract.findMany({
        where: {
          AND: [
            query.status ? { status: query.status } : {},
            query.organizationId
              ? {
                  OR: [
                    { ordererOrganizationId: query.organizationId },
                    { contractorOrganizationId: query.organizationId },
                    { jointVentureMembers: { some: { organizationId: query.organizationId } } },
                  ],
                }
              : {},
            text
              ? {
                  OR: [
                    { contractNumber: contains(text) },
                    { title: contains(text) },
                    { ordererOrganization: { nameLocal: contains(text) } },
                    { contractorOrganization: { nameLocal: contains(text) } },
                  ],
                }
              : {},
            after,
          ],
        },
        orderBy: NEWEST_FIRST,
        take: limit + 1,
        select: CONTRACT_SELECT,
      });
      const page = toPage(rows, limit);
      return {
        contracts: page.items.map((row) => ({
          id: row.id,
          contractNumber: row.contractNumber,
          title: row.title,
          status: row.status,
          amount: row.amount.toString(),
          currency: row.currency,
          orderer: row.ordererOrganization,
          contractor: row.contractorOrganization,
          jointVentureName: row.jointVentureName,
          edition: row.edition,
          createdAt: iso(row.createdAt),
          updatedAt: iso(row.updatedAt),
        })),
        nextCursor: page.nextCursor,
      };
    },

    async listGuarantees(query: AdminGuaranteeQuery): Promise<AdminGuaranteeList> {
      const { limit, after } = pageOf(query);
      const text = query.q?.trim();
      const rows = await prisma.guarantee.findMany({
        where: {
          AND: [
            query.status ? { status: query.status } : {},
            query.organizationId
              ? {
                  OR: [
                    { contractorOrganizationId: query.organizationId },
                    { suretyOrganizationId: query.organizationId },
                    { ordererOrganizationId: query.organizationId },
                  ],
                }
              : {},
            text
              ? {
                  OR: [
                    { guaranteeNumber: contains(text) },
                    { worksTitle: contains(text) },
                    { ordererName: contains(text) },
                    { contractorOrganization: { nameLocal: contains(text) } },
                    { suretyOrganization: { nameLocal: contains(text) } },
                  ],
                }
              : {},
            after,
          ],
        },
        orderBy: NEWEST_FIRST,
        take: limit + 1,
        select: GUARANTEE_SELECT,
      });
      const page = toPage(rows, limit);
      return {
        guarantees: page.items.map((row) => ({
          id: row.id,
          guaranteeNumber: row.guaranteeNumber,
          kind: row.kind,
          status: row.status,
          origin: row.origin,
          contractor: row.contractorOrganization,
          surety: row.suretyOrganization,
          ordererName: row.ordererName,
          worksTitle: row.worksTitle,
          guaranteeAmount: row.guaranteeAmount.toString(),
          currency: row.currency,
          guaranteeStartDate: calendarDate(row.guaranteeStartDate),
          guaranteeEndDate: calendarDate(row.guaranteeEndDate),
          issuedAt: isoOrNull(row.issuedAt),
          acceptanceStatus: row.acceptanceStatus,
          createdAt: iso(row.createdAt),
        })),
        nextCursor: page.nextCursor,
      };
    },

    async systemStatus(): Promise<SystemStatus> {
      const at = now();
      const [version, serverVersion, applied, migrationDirs, outbox, heads, awaitingReview, pendingRequests, maintenanceNow] = await Promise.all([
        readVersion(),
        prisma.$queryRaw<Array<{ server_version: string }>>`SHOW server_version`.then((rows) => rows[0]?.server_version ?? "unknown"),
        prisma.$queryRaw<Array<{ migration_name: string }>>`
          SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ORDER BY "migration_name"`,
        readdir(config.migrationsDir, { withFileTypes: true }).then((entries) => entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()),
        prisma.outboxMail.groupBy({ by: ["status"], _count: { _all: true } }),
        prisma.auditChainHead.aggregate({ _sum: { seq: true } }),
        prisma.organization.count({ where: { status: "PENDING" } }),
        prisma.certificateRequest.count({ where: { status: "PENDING" } }),
        maintenance.current(),
      ]);
      const appliedNames = new Set(applied.map((row) => row.migration_name));
      const countOf = (status: string) => outbox.find((row) => row.status === status)?._count._all ?? 0;
      return {
        version,
        nodeVersion: process.version,
        startedAt: iso(deps.startedAt),
        uptimeSeconds: Math.max(0, Math.floor((at.getTime() - deps.startedAt.getTime()) / 1000)),
        database: {
          engine: database.engine,
          serverVersion,
          migrationsApplied: appliedNames.size,
          migrationsPending: migrationDirs.filter((name) => !appliedNames.has(name)),
          latestMigration: applied.at(-1)?.migration_name ?? null,
        },
        mailOutbox: { pending: countOf("PENDING"), failed: countOf("FAILED"), sent: countOf("SENT") },
        // Each chain's head holds its length: the sum is the number of events, without counting a large table.
        auditEvents: heads._sum.seq ?? 0,
        maintenance: {
          signingPausedUntil: isoOrNull(maintenanceNow.signingPausedUntil),
          systemPausedUntil: isoOrNull(maintenanceNow.systemPausedUntil),
        },
        organizationsAwaitingReview: awaitingReview,
        certificateRequestsPending: pendingRequests,
      };
    },
  };
}
