// The audit log as ops read it: a filtered page, the same filter as CSV, and the chain check.
import type { AuditChainReport, AuditEvent, AuditEventExportQuery, AuditEventList, AuditEventQuery } from "@pwp/shared/audit-log";
import { stringify } from "csv-stringify";
import type { PrismaClient } from "../../db/database.ts";
import { verifyAuditChains } from "../../lib/audit-chain.ts";
import { createAuditLogRepository, type StoredAuditEvent } from "./audit-log.repository.ts";

const EXPORT_BATCH = 1000;

const CSV_COLUMNS = [
  "id",
  "occurredAt",
  "action",
  "actorUserId",
  "actorUserName",
  "actorOrganizationId",
  "actorOrganizationName",
  "targetType",
  "targetId",
  "ipAddress",
  "data",
  "chain",
  "chainSeq",
  "hash",
] as const satisfies ReadonlyArray<keyof AuditEvent>;

export function createAuditLogService(deps: { prisma: PrismaClient; now: () => Date }) {
  const repository = createAuditLogRepository(deps.prisma);

  async function withNames(events: StoredAuditEvent[]): Promise<AuditEvent[]> {
    const names = await repository.namesOf(events);
    return events.map((event) => ({
      id: event.id.toString(),
      occurredAt: event.occurredAt.toISOString(),
      action: event.action,
      actorUserId: event.actorUserId,
      actorUserName: event.actorUserId ? (names.userName.get(event.actorUserId) ?? null) : null,
      actorOrganizationId: event.actorOrganizationId,
      actorOrganizationName: event.actorOrganizationId ? (names.organizationName.get(event.actorOrganizationId) ?? null) : null,
      targetType: event.targetType,
      targetId: event.targetId,
      ipAddress: event.ipAddress,
      data: (event.data ?? {}) as Record<string, unknown>,
      chain: event.chain,
      chainSeq: event.chainSeq,
      hash: event.hash,
    }));
  }

  return {
    async listEvents(query: AuditEventQuery): Promise<AuditEventList> {
      const { cursor, limit = 50, ...filter } = query;
      const rows = await repository.findEvents(filter, cursor === undefined ? undefined : BigInt(cursor), limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { events: await withNames(page), nextCursor: rows.length > limit && last ? last.id.toString() : null };
    },

    /**
     * Every matching event as CSV, read in batches so a large export holds one batch in memory. A byte-order mark
     * first: spreadsheet programs otherwise read the Korean and Japanese names as another encoding.
     */
    exportCsv(filter: AuditEventExportQuery): NodeJS.ReadableStream {
      const csv = stringify({ header: true, columns: [...CSV_COLUMNS], bom: true });
      void (async () => {
        let beforeId: bigint | undefined;
        for (;;) {
          const rows = await repository.findEvents(filter, beforeId, EXPORT_BATCH);
          for (const event of await withNames(rows)) {
            const record = { ...event, data: JSON.stringify(event.data) };
            if (!csv.write(record)) await new Promise((resolve) => csv.once("drain", resolve));
          }
          if (rows.length < EXPORT_BATCH) break;
          beforeId = rows[rows.length - 1]!.id;
        }
        csv.end();
      })().catch((error: unknown) => csv.destroy(error instanceof Error ? error : new Error(String(error))));
      return csv;
    },

    async verifyChains(): Promise<AuditChainReport> {
      const report = await verifyAuditChains(deps.prisma, deps.now());
      return { ...report, checkedAt: report.checkedAt.toISOString() };
    },
  };
}
