// Keyset pagination over (createdAt, id): the cursor is the last row's position, opaque to the client. Unlike an
// offset it stays right while rows are added, and unlike Prisma's `cursor` it never looks up a row by id, so a
// cursor cannot be used to probe another organisation's rows.
import { AppError } from "./app-error.ts";

export interface PagePosition {
  createdAt: Date;
  id: string;
}

export function encodePageCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString("base64url");
}

/** The position after which the next page starts; a cursor that is not ours is a 400 naming querystring.cursor (the name Fastify gives query-string fields). */
export function decodePageCursor(cursor: string | undefined): PagePosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    const date = typeof createdAt === "string" ? new Date(createdAt) : new Date(Number.NaN);
    const isUuid = typeof id === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    if (!Number.isNaN(date.getTime()) && isUuid) return { createdAt: date, id: id as string };
  } catch {
    // fall through to the 400 below
  }
  throw new AppError("VALIDATION_FAILED", "The page cursor is not valid; start from the first page.", {
    fields: [{ field: "querystring.cursor", message: "is not a cursor this list gave out" }],
  });
}

/** The Prisma condition "after this position" in ascending (createdAt, id) order. */
export function afterPosition(position: PagePosition | undefined) {
  if (!position) return {};
  return {
    OR: [{ createdAt: { gt: position.createdAt } }, { createdAt: position.createdAt, id: { gt: position.id } }],
  };
}

/** Rows fetched with limit + 1: the extra row only says whether another page exists. */
export function toPage<T extends PagePosition>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodePageCursor(last) : null };
}
