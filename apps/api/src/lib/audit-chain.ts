// The audit log's hash chains: how an event's hash is computed, how a chain is extended, sealed and checked.
// One chain per acting organisation keeps writers of different organisations from queueing on one lock; events
// without an acting organisation (failed sign-ins, platform start-up) form the "platform" chain.
import { createHash } from "node:crypto";
import type { BrokenLinkReason } from "@pwp/shared/audit-log";
import canonicalize from "canonicalize";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

export const PLATFORM_CHAIN = "platform";

export interface ChainedEventContent {
  chain: string;
  chainSeq: number;
  prevHash: string;
  occurredAt: Date;
  action: string;
  actorUserId: string | null;
  actorOrganizationId: string | null;
  targetType: string | null;
  targetId: string | null;
  ipAddress: string | null;
  data: unknown;
}

/** SHA-256 over the RFC 8785 canonical JSON of the event: the database's jsonb key order does not matter. */
export function auditEventHash(event: ChainedEventContent): string {
  const canonical = canonicalize({ ...event, occurredAt: event.occurredAt.toISOString(), v: 1 });
  if (canonical === undefined) throw new Error("An audit event could not be canonicalised");
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Locks the chain's head row until the transaction ends (creating it for a new chain), so the next link is computed
 * from the last committed one and two writers cannot both take the same sequence number.
 */
async function lockChainHead(tx: Prisma.TransactionClient, chain: string): Promise<ChainHead> {
  const rows = await tx.$queryRaw<ChainHead[]>`
    INSERT INTO "AuditChainHead" ("chain", "seq", "hash") VALUES (${chain}, 0, '')
    ON CONFLICT ("chain") DO UPDATE SET "chain" = EXCLUDED."chain"
    RETURNING "seq", "hash"`;
  const head = rows[0];
  if (!head) throw new Error(`The audit chain head of ${chain} could not be locked`);
  return head;
}

export type NewAuditEvent = Omit<ChainedEventContent, "chain" | "chainSeq" | "prevHash">;

export async function appendToAuditChain(tx: Prisma.TransactionClient, event: NewAuditEvent): Promise<void> {
  const chain = event.actorOrganizationId ?? PLATFORM_CHAIN;
  const head = await lockChainHead(tx, chain);
  const content: ChainedEventContent = { ...event, chain, chainSeq: head.seq + 1, prevHash: head.hash };
  const hash = auditEventHash(content);
  await tx.auditEvent.create({
    data: { ...content, data: event.data as Prisma.InputJsonValue, hash },
    select: { id: true },
  });
  await tx.auditChainHead.update({ where: { chain }, data: { seq: content.chainSeq, hash }, select: { chain: true } });
}

/** Every column of an audit event: what the chain hashes and what ops read. */
export const AUDIT_EVENT_SELECT = {
  id: true,
  chain: true,
  chainSeq: true,
  prevHash: true,
  hash: true,
  occurredAt: true,
  action: true,
  actorUserId: true,
  actorOrganizationId: true,
  targetType: true,
  targetId: true,
  ipAddress: true,
  data: true,
} as const;

type StoredEvent = Prisma.AuditEventGetPayload<{ select: typeof AUDIT_EVENT_SELECT }>;

function contentOf(event: StoredEvent, prevHash: string): ChainedEventContent {
  return {
    chain: event.chain,
    chainSeq: event.chainSeq,
    prevHash,
    occurredAt: event.occurredAt,
    action: event.action,
    actorUserId: event.actorUserId,
    actorOrganizationId: event.actorOrganizationId,
    targetType: event.targetType,
    targetId: event.targetId,
    ipAddress: event.ipAddress,
    data: event.data,
  };
}

const BATCH = 2000;

async function* eventsOfChain(prisma: PrismaClient | Prisma.TransactionClient, chain: string): AsyncGenerator<StoredEvent> {
  let after = 0;
  for (;;) {
    const batch = await prisma.auditEvent.findMany({
      where: { chain, chainSeq: { gt: after } },
      orderBy: { chainSeq: "asc" },
      take: BATCH,
      select: AUDIT_EVENT_SELECT,
    });
    yield* batch;
    if (batch.length < BATCH) return;
    after = batch[batch.length - 1]!.chainSeq;
  }
}

/**
 * Events written before chaining existed got their chain and sequence from the migration but no hash (SQL has no
 * canonical JSON): hash them once, at start-up, before anything new is appended.
 */
export async function sealUnhashedAuditEvents(prisma: PrismaClient): Promise<number> {
  // Only the migration leaves a head without a hash (a writer sets it in the transaction that creates the head), so the
  // heads name the chains to seal without scanning the events on every start.
  const chains = await prisma.auditChainHead.findMany({ where: { hash: "" }, select: { chain: true } });
  let sealed = 0;
  for (const { chain } of chains) {
    await prisma.$transaction(
      async (tx) => {
        await lockChainHead(tx, chain);
        let prevHash = "";
        let last: ChainHead = { seq: 0, hash: "" };
        for await (const event of eventsOfChain(tx, chain)) {
          let hash = event.hash;
          if (hash === null) {
            hash = auditEventHash(contentOf(event, prevHash));
            await tx.auditEvent.update({ where: { id: event.id }, data: { prevHash, hash }, select: { id: true } });
            sealed += 1;
          }
          prevHash = hash;
          last = { seq: event.chainSeq, hash };
        }
        await tx.auditChainHead.update({ where: { chain }, data: last, select: { chain: true } });
      },
      { timeout: 600_000, maxWait: 60_000 },
    );
  }
  return sealed;
}


export interface BrokenLink {
  chain: string;
  /** The sequence number where the chain stops holding together (for a missing event: the one expected there). */
  chainSeq: number;
  /** The stored event at that place; null when it is missing. */
  eventId: string | null;
  reason: BrokenLinkReason;
}

export interface AuditChainReport {
  checkedAt: Date;
  chains: number;
  events: number;
  /** The first broken link of each broken chain; empty when every chain holds. */
  brokenLinks: BrokenLink[];
}

async function checkChain(prisma: PrismaClient, chain: string, head: ChainHead | undefined): Promise<{ events: number; broken?: BrokenLink }> {
  let expectedSeq = 1;
  let prevHash = "";
  let events = 0;
  for await (const event of eventsOfChain(prisma, chain)) {
    events += 1;
    const at = { chain, chainSeq: event.chainSeq, eventId: event.id.toString() };
    if (event.chainSeq !== expectedSeq) return { events, broken: { chain, chainSeq: expectedSeq, eventId: null, reason: "MISSING_EVENT" } };
    if (event.hash === null) return { events, broken: { ...at, reason: "UNSEALED" } };
    if (event.prevHash !== prevHash) return { events, broken: { ...at, reason: "PREVIOUS_HASH_MISMATCH" } };
    if (auditEventHash(contentOf(event, event.prevHash)) !== event.hash) return { events, broken: { ...at, reason: "EDITED" } };
    prevHash = event.hash;
    expectedSeq += 1;
  }
  const lastSeq = expectedSeq - 1;
  if (!head) return { events, broken: { chain, chainSeq: lastSeq, eventId: null, reason: "NO_HEAD" } };
  // Rows removed from the end, or a head moved past them, show only here.
  if (head.seq > lastSeq) return { events, broken: { chain, chainSeq: lastSeq + 1, eventId: null, reason: "MISSING_EVENT" } };
  if (head.seq !== lastSeq || head.hash !== prevHash) return { events, broken: { chain, chainSeq: lastSeq, eventId: null, reason: "HEAD_MISMATCH" } };
  return { events };
}

/** Walks every chain from its first event; reads in batches, so memory stays flat on a large log. */
export async function verifyAuditChains(prisma: PrismaClient, now: Date = new Date()): Promise<AuditChainReport> {
  const heads = await prisma.auditChainHead.findMany({ select: { chain: true, seq: true, hash: true } });
  const eventChains = await prisma.auditEvent.findMany({ distinct: ["chain"], select: { chain: true } });
  const headByChain = new Map(heads.map((head) => [head.chain, head]));
  const chains = [...new Set([...heads.map((head) => head.chain), ...eventChains.map((row) => row.chain)])].sort();
  const report: AuditChainReport = { checkedAt: now, chains: chains.length, events: 0, brokenLinks: [] };
  for (const chain of chains) {
    const result = await checkChain(prisma, chain, headByChain.get(chain));
    report.events += result.events;
    if (result.broken) report.brokenLinks.push(result.broken);
  }
  return report;
}
