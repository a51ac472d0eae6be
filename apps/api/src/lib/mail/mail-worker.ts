// Delivers the outbox. Each round claims due mail with a lease (FOR UPDATE SKIP LOCKED, so several instances share
// the work), sends each over SMTP — or, without SMTP configured, keeps it in the local mailbox — and marks it sent,
// or schedules a retry with exponential backoff and jitter, or gives up after the last attempt. A crash between
// the SMTP server's acceptance and the mark leaves the claim to expire and the mail is sent again with the same
// Message-ID (at-least-once: receiving systems can recognise the duplicate); nothing is ever lost.
import nodemailer, { type Transporter } from "nodemailer";
import type { Config } from "../../config.ts";
import type { PrismaClient } from "../../db/database.ts";

const BATCH = 20;
const CLAIM_MS = 60_000;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;

interface ClaimedMail {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  attempts: number;
}

/** 30 s, 1 min, 2 min … capped at 6 h, each with up to 20% random extra so retries of many mails spread out. */
export function retryDelayMs(attempt: number, random = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + 0.2 * random()));
}

export interface MailWorker {
  /** One round: claims and delivers what is due; returns how many were sent. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createMailWorker(deps: {
  prisma: PrismaClient;
  config: Pick<Config, "smtp" | "mailFrom" | "mailMaxAttempts" | "mailWorkerIntervalMs">;
  now: () => Date;
  log: { warn(object: object, message: string): void; error(object: object, message: string): void };
}): MailWorker {
  const { prisma, config, now, log } = deps;
  const transport: Transporter | undefined = config.smtp
    ? nodemailer.createTransport({
        host: config.smtp.host,
        port: config.smtp.port,
        secure: config.smtp.secure,
        ...(config.smtp.user ? { auth: { user: config.smtp.user, pass: config.smtp.password ?? "" } } : {}),
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      })
    : undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let isStopped = false;

  async function claimDue(): Promise<ClaimedMail[]> {
    const at = now();
    return prisma.$queryRaw<ClaimedMail[]>`
      UPDATE "OutboxMail" SET "claimedUntil" = ${new Date(at.getTime() + CLAIM_MS)}
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMail"
        WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${at} AND ("claimedUntil" IS NULL OR "claimedUntil" < ${at})
        ORDER BY "nextAttemptAt", "createdAt"
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id", "recipient", "subject", "text", "html", "messageId", "attempts"`;
  }

  async function deliver(mail: ClaimedMail): Promise<boolean> {
    try {
      if (transport) {
        await transport.sendMail({ from: config.mailFrom, to: mail.recipient, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
      }
      await prisma.outboxMail.updateMany({
        where: { id: mail.id, status: "PENDING" },
        data: { status: "SENT", transport: transport ? "SMTP" : "MAILBOX", sentAt: now(), attempts: mail.attempts + 1, claimedUntil: null, lastError: null },
      });
      return true;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const isLast = attempts >= config.mailMaxAttempts;
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ mailId: mail.id, attempts, error: message }, isLast ? "mail delivery failed for the last time" : "mail delivery failed; will retry");
      await prisma.outboxMail.updateMany({
        where: { id: mail.id, status: "PENDING" },
        data: {
          attempts,
          lastError: message.slice(0, 1000),
          claimedUntil: null,
          ...(isLast ? { status: "FAILED" } : { nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts)) }),
        },
      });
      return false;
    }
  }

  async function round(): Promise<number> {
    let sent = 0;
    for (;;) {
      const claimed = await claimDue();
      for (const mail of claimed) if (await deliver(mail)) sent += 1;
      if (claimed.length < BATCH || isStopped) return sent;
    }
  }

  const worker: MailWorker = {
    runOnce() {
      // One round at a time per process: a tick during a slow round waits for it instead of racing it.
      running ??= round().finally(() => {
        running = undefined;
      });
      return running;
    },
    start() {
      if (config.mailWorkerIntervalMs <= 0 || timer) return;
      isStopped = false;
      timer = setInterval(() => {
        worker.runOnce().catch((error: unknown) => log.error({ err: error }, "mail worker round failed"));
      }, config.mailWorkerIntervalMs);
      timer.unref();
    },
    async stop() {
      isStopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
      transport?.close();
    },
  };
  return worker;
}
