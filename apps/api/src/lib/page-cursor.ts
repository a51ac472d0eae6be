// Keyset pagination, mostly over (createdAt, id): the cursor is the last row's position, opaque to the client. Unlike an
// offset it stays right while rows are added, and unlike Prisma's `cursor` it never looks up a row by id, so a
// cursor cannot be used to probe another organisation's rows.
import { AppError } from "./app-error.ts";

export interface PagePosition {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalidCursor(): AppError {
  // querystring.cursor: the name Fastify gives query-string fields in its own validation errors.
  return new AppError("VALIDATION_FAILED", "The page cursor is not valid; start from the first page.", {
    fields: [{ field: "querystring.cursor", message: "is not a cursor this list gave out" }],
  });
}

/** A cursor over any (sort key, id) order, e.g. (name, id). */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString("base64url");
}

export function decodeCursor(cursor: string): { key: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string" && UUID.test(value[1])) {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // not ours
  }
  throw invalidCursor();
}

export function encodePageCursor(position: PagePosition): string {
  return encodeCursor(position.createdAt.toISOString(), position.id);
}

/** The (createdAt, id) position after which the next page starts. */
export function decodePageCursor(cursor: string | undefined): PagePosition | undefined {
  if (cursor === undefined) return undefined;
  const { key, id } = decodeCursor(cursor);
  const createdAt = new Date(key);
  if (Number.isNaN(createdAt.getTime())) throw invalidCursor();
  return { createdAt, id };
}

/** The Prisma condition "after this position" in ascending (createdAt, id) order. */
export function afterPosition(position: PagePosition | undefined) {
  if (!position) return {};
  return {
    OR: [{ createdAt: { gt: position.createdAt } }, { createdAt: position.createdAt, id: { gt: position.id } }],
  };
}

/** The Prisma condition "after this position" in descending (createdAt, id) order: newest-first lists. */
export function beforePosition(position: PagePosition | undefined) {
  if (!position) return {};
  return {
    OR: [{ createdAt: { lt: position.createdAt } }, { createdAt: position.createdAt, id: { lt: position.id } }],
  };
}

/** Rows fetched with limit + 1: the extra row only says whether another page exists. */
export function toPage<T extends PagePosition>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodePageCursor(last) : null };
}
