// Notices and maintenance windows: ops post and withdraw notices and schedule or cancel windows (each window writes
// the notice that announces it); anyone reads the notices meant for them and whether anything is paused.
import type {
  MaintenanceStatus,
  MaintenanceWindow,
  MaintenanceWindowInput,
  Notice,
  NoticeAudience,
  NoticeInput,
} from "@pwp/shared/notices";
import { maintenanceAnnouncement } from "@pwp/shared/notices";
import type { OrganizationKind } from "@pwp/shared/enums";
import type { PrismaClient } from "../../db/database.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/app-error.ts";
import { recordAuditEvent } from "../../lib/audit.ts";
import type { MaintenanceState } from "../../lib/maintenance-state.ts";

/** Longer windows are almost certainly a typo in the date; ops can schedule a second one. */
const MAX_WINDOW_DAYS = 14;
const MAX_NOTICE_DAYS = 366;
const DAY_MS = 86_400_000;

const NOTICE_SELECT = {
  id: true,
  title: true,
  body: true,
  audience: true,
  startsAt: true,
  endsAt: true,
  maintenanceWindowId: true,
  withdrawnAt: true,
  createdAt: true,
} as const;
type NoticeRow = Prisma.NoticeGetPayload<{ select: typeof NOTICE_SELECT }>;

const WINDOW_SELECT = { id: true, scope: true, startsAt: true, endsAt: true, reason: true, cancelledAt: true, createdAt: true } as const;
type WindowRow = Prisma.MaintenanceWindowGetPayload<{ select: typeof WINDOW_SELECT }>;

function toNotice(row: NoticeRow): Notice {
  return {
    id: row.id,
    title: row.title as Notice["title"],
    body: row.body as Notice["body"],
    audience: row.audience,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    maintenanceWindowId: row.maintenanceWindowId,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function toWindow(row: WindowRow): MaintenanceWindow {
  return {
    id: row.id,
    scope: row.scope,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    reason: row.reason,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function invalid(field: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", `Invalid request: ${field} ${message}`, { fields: [{ field, message }] });
}

function checkPeriod(startsAt: Date, endsAt: Date, maxDays: number): void {
  if (endsAt <= startsAt) throw invalid("body.endsAt", "must be after startsAt");
  if (endsAt.getTime() - startsAt.getTime() > maxDays * DAY_MS) throw invalid("body.endsAt", `must be at most ${maxDays} days after startsAt`);
}

function checkNoticeInput(input: NoticeInput): { startsAt: Date; endsAt: Date } {
  if (![input.title.ko, input.title.ja, input.title.en].some((text) => text.trim())) throw invalid("body.title", "needs a title in at least one language");
  for (const locale of ["ko", "ja", "en"] as const) {
    if (input.title[locale].length > 200) throw invalid(`body.title.${locale}`, "must be at most 200 characters");
  }
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  checkPeriod(startsAt, endsAt, MAX_NOTICE_DAYS);
  return { startsAt, endsAt };
}

/** Who sees a notice: nobody signed in sees EVERYONE only; a signed-in user also SIGNED_IN and their kind's. */
function audiencesFor(kind: OrganizationKind | null): NoticeAudience[] {
  if (!kind) return ["EVERYONE"];
  const audiences: NoticeAudience[] = ["EVERYONE", "SIGNED_IN"];
  if (kind === "ORDERER" || kind === "CONTRACTOR" || kind === "SURETY") audiences.push(kind);
  // Ops see every notice they posted, to check how it reads.
  if (kind === "OPERATOR") audiences.push("ORDERER", "CONTRACTOR", "SURETY");
  return audiences;
}

export function createNoticesService(deps: { prisma: PrismaClient; now: () => Date; maintenance: MaintenanceState }) {
  const { prisma, now, maintenance } = deps;

  async function findNotice(noticeId: string): Promise<NoticeRow> {
    const row = await prisma.notice.findUnique({ where: { id: noticeId }, select: NOTICE_SELECT });
    if (!row) throw new AppError("NOT_FOUND", "No such notice.");
    return row;
  }

  return {
    async currentNotices(viewerKind: OrganizationKind | null): Promise<Notice[]> {
      const at = now();
      const rows = await prisma.notice.findMany({
        where: { withdrawnAt: null, startsAt: { lte: at }, endsAt: { gt: at }, audience: { in: audiencesFor(viewerKind) } },
        orderBy: { startsAt: "desc" },
        take: 20,
        select: NOTICE_SELECT,
      });
      return rows.map(toNotice);
    },

    async maintenanceStatus(): Promise<MaintenanceStatus> {
      const state = await maintenance.current();
      return {
        signingPausedUntil: state.signingPausedUntil?.toISOString() ?? null,
        systemPausedUntil: state.systemPausedUntil?.toISOString() ?? null,
        upcoming: state.upcoming.map((window) => ({ scope: window.scope, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() })),
      };
    },

    async listAllNotices(): Promise<Notice[]> {
      const rows = await prisma.notice.findMany({ orderBy: { createdAt: "desc" }, take: 200, select: NOTICE_SELECT });
      return rows.map(toNotice);
    },

    async createNotice(actor: Actor, input: NoticeInput): Promise<Notice> {
      const period = checkNoticeInput(input);
      return prisma.$transaction(async (tx) => {
        const row = await tx.notice.create({
          data: { title: input.title, body: input.body, audience: input.audience, ...period, createdById: actor.userId },
          select: NOTICE_SELECT,
        });
        await recordAuditEvent(tx, {
          action: "notices.posted",
          actor,
          ipAddress: actor.ipAddress,
          target: { type: "Notice", id: row.id },
          data: { audience: input.audience, startsAt: input.startsAt, endsAt: input.endsAt, title: input.title },
        });
        return toNotice(row);
      });
    },

    async updateNotice(actor: Actor, noticeId: string, input: NoticeInput): Promise<Notice> {
      const period = checkNoticeInput(input);
      const existing = await findNotice(noticeId);
      if (existing.maintenanceWindowId) {
        throw new AppError("CONFLICT", "This notice announces a maintenance window: change or cancel the window instead.");
      }
      if (existing.withdrawnAt) throw new AppError("CONFLICT", "This notice has been withdrawn.", { currentState: "WITHDRAWN" });
      return prisma.$transaction(async (tx) => {
        const row = await tx.notice.update({
          where: { id: noticeId },
          data: { title: input.title, body: input.body, audience: input.audience, ...period },
          select: NOTICE_SELECT,
        });
        await recordAuditEvent(tx, {
          action: "notices.updated",
          actor,
          ipAddress: actor.ipAddress,
          target: { type: "Notice", id: noticeId },
          data: { audience: input.audience, startsAt: input.startsAt, endsAt: input.endsAt, title: input.title },
        });
        return toNotice(row);
      });
    },

    async withdrawNotice(actor: Actor, noticeId: string): Promise<Notice> {
      const existing = await findNotice(noticeId);
      if (existing.maintenanceWindowId) {
        throw new AppError("CONFLICT", "This notice announces a maintenance window: cancel the window to withdraw it.");
      }
      return prisma.$transaction(async (tx) => {
        // The condition makes a second withdrawal (or a race with one) a conflict instead of a second audit event.
        const { count } = await tx.notice.updateMany({ where: { id: noticeId, withdrawnAt: null }, data: { withdrawnAt: now() } });
        if (count === 0) throw new AppError("CONFLICT", "This notice has already been withdrawn.", { currentState: "WITHDRAWN" });
        await recordAuditEvent(tx, { action: "notices.withdrawn", actor, ipAddress: actor.ipAddress, target: { type: "Notice", id: noticeId } });
        return toNotice(await tx.notice.findUniqueOrThrow({ where: { id: noticeId }, select: NOTICE_SELECT }));
      });
    },

    async listWindows(): Promise<MaintenanceWindow[]> {
      const rows = await prisma.maintenanceWindow.findMany({ orderBy: { startsAt: "desc" }, take: 200, select: WINDOW_SELECT });
      return rows.map(toWindow);
    },

    /** Schedules a window and, in the same transaction, the notice announcing it from now until the window ends. */
    async scheduleWindow(actor: Actor, input: MaintenanceWindowInput): Promise<MaintenanceWindow> {
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt);
      checkPeriod(startsAt, endsAt, MAX_WINDOW_DAYS);
      const at = now();
      if (endsAt <= at) throw invalid("body.endsAt", "must be in the future");
      const reason = input.reason?.trim() ?? "";
      const created = await prisma.$transaction(async (tx) => {
        const row = await tx.maintenanceWindow.create({
          data: { scope: input.scope, startsAt, endsAt, reason, createdById: actor.userId },
          select: WINDOW_SELECT,
        });
        const announcement = maintenanceAnnouncement({ scope: input.scope, startsAt, endsAt, reason });
        await tx.notice.create({
          data: { ...announcement, audience: "EVERYONE", startsAt: at, endsAt, maintenanceWindowId: row.id, createdById: actor.userId },
          select: { id: true },
        });
        await recordAuditEvent(tx, {
          action: "maintenance.scheduled",
          actor,
          ipAddress: actor.ipAddress,
          target: { type: "MaintenanceWindow", id: row.id },
          data: { scope: input.scope, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), reason },
        });
        return row;
      });
      maintenance.invalidate();
      return toWindow(created);
    },

    /** Ends a window early or calls off a future one; its notice goes with it. */
    async cancelWindow(actor: Actor, windowId: string): Promise<MaintenanceWindow> {
      const existing = await prisma.maintenanceWindow.findUnique({ where: { id: windowId }, select: WINDOW_SELECT });
      if (!existing) throw new AppError("NOT_FOUND", "No such maintenance window.");
      const at = now();
      if (existing.endsAt <= at) throw new AppError("CONFLICT", "This maintenance window has already ended.", { currentState: "ENDED" });
      const cancelled = await prisma.$transaction(async (tx) => {
        const { count } = await tx.maintenanceWindow.updateMany({ where: { id: windowId, cancelledAt: null }, data: { cancelledAt: at } });
        if (count === 0) throw new AppError("CONFLICT", "This maintenance window has already been cancelled.", { currentState: "CANCELLED" });
        await tx.notice.updateMany({ where: { maintenanceWindowId: windowId, withdrawnAt: null }, data: { withdrawnAt: at } });
        await recordAuditEvent(tx, {
          action: "maintenance.cancelled",
          actor,
          ipAddress: actor.ipAddress,
          target: { type: "MaintenanceWindow", id: windowId },
          data: { scope: existing.scope, wasOpen: existing.startsAt <= at },
        });
        return tx.maintenanceWindow.findUniqueOrThrow({ where: { id: windowId }, select: WINDOW_SELECT });
      });
      maintenance.invalidate();
      return toWindow(cancelled);
    },
  };
}
