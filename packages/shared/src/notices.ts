// Notices posted by ops and maintenance windows: request and response shapes, and how a notice picks its language.
import { Type, type Static } from "typebox";
import type { Locale } from "./enums.ts";

export const NOTICE_AUDIENCES = ["EVERYONE", "SIGNED_IN", "ORDERER", "CONTRACTOR", "SURETY"] as const;
export type NoticeAudience = (typeof NOTICE_AUDIENCES)[number];

export const MAINTENANCE_SCOPES = ["SIGNING", "FULL"] as const;
export type MaintenanceScope = (typeof MAINTENANCE_SCOPES)[number];

/** One text per language; ops may leave languages empty (readers then get the first one written, see pickText). */
export const LocalizedTextSchema = Type.Object(
  {
    ko: Type.String({ maxLength: 4000 }),
    ja: Type.String({ maxLength: 4000 }),
    en: Type.String({ maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type LocalizedText = Static<typeof LocalizedTextSchema>;

const FALLBACK_ORDER: readonly Locale[] = ["en", "ko", "ja"];

/** The reader's language if written, else English, Korean, Japanese in that order. */
export function pickText(text: LocalizedText, locale: Locale): string {
  if (text[locale].trim()) return text[locale];
  for (const other of FALLBACK_ORDER) if (text[other].trim()) return text[other];
  return "";
}

export const NoticeInputSchema = Type.Object(
  {
    title: LocalizedTextSchema,
    body: LocalizedTextSchema,
    audience: Type.Enum(NOTICE_AUDIENCES),
    startsAt: Type.String({ format: "date-time" }),
    endsAt: Type.String({ format: "date-time" }),
  },
  { additionalProperties: false },
);
export type NoticeInput = Static<typeof NoticeInputSchema>;

export const NoticeSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  title: LocalizedTextSchema,
  body: LocalizedTextSchema,
  audience: Type.Enum(NOTICE_AUDIENCES),
  startsAt: Type.String({ format: "date-time" }),
  endsAt: Type.String({ format: "date-time" }),
  /** Set on the notice that announces a maintenance window (written with it, not edited by hand). */
  maintenanceWindowId: Type.Union([Type.String({ format: "uuid" }), Type.Null()]),
  withdrawnAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
});
export type Notice = Static<typeof NoticeSchema>;

export const NoticeListSchema = Type.Object({ notices: Type.Array(NoticeSchema) });
export type NoticeList = Static<typeof NoticeListSchema>;

export const NoticeParamsSchema = Type.Object({ noticeId: Type.String({ format: "uuid" }) });

export const MaintenanceWindowInputSchema = Type.Object(
  {
    scope: Type.Enum(MAINTENANCE_SCOPES),
    startsAt: Type.String({ format: "date-time" }),
    endsAt: Type.String({ format: "date-time" }),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type MaintenanceWindowInput = Static<typeof MaintenanceWindowInputSchema>;

export const MaintenanceWindowSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  scope: Type.Enum(MAINTENANCE_SCOPES),
  startsAt: Type.String({ format: "date-time" }),
  endsAt: Type.String({ format: "date-time" }),
  reason: Type.String(),
  cancelledAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
});
export type MaintenanceWindow = Static<typeof MaintenanceWindowSchema>;

export const MaintenanceWindowListSchema = Type.Object({ windows: Type.Array(MaintenanceWindowSchema) });
export type MaintenanceWindowList = Static<typeof MaintenanceWindowListSchema>;

export const MaintenanceWindowParamsSchema = Type.Object({ windowId: Type.String({ format: "uuid" }) });

/** What anyone (the sign-in page, every dashboard) needs to know now: what is paused, until when, and what is next. */
export const MaintenanceStatusSchema = Type.Object({
  signingPausedUntil: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  systemPausedUntil: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  upcoming: Type.Array(Type.Pick(MaintenanceWindowSchema, ["scope", "startsAt", "endsAt"])),
});
export type MaintenanceStatus = Static<typeof MaintenanceStatusSchema>;

// dateStyle/timeStyle cannot be combined with timeZoneName, hence the fields one by one.
const TIME_FORMAT: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" };
const TIME_ZONE_OF: Record<Locale, string> = { ko: "Asia/Seoul", ja: "Asia/Tokyo", en: "UTC" };

/** A time as readers of each language expect it: Korean in KST, Japanese in JST, English in UTC. */
export function formatNoticeTime(iso: string | Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { ...TIME_FORMAT, timeZone: TIME_ZONE_OF[locale] }).format(new Date(iso));
}

/** The notice written with a maintenance window, in the three languages. */
export function maintenanceAnnouncement(window: { scope: MaintenanceScope; startsAt: string | Date; endsAt: string | Date; reason: string }): {
  title: LocalizedText;
  body: LocalizedText;
} {
  const at = (locale: Locale) => ({ from: formatNoticeTime(window.startsAt, locale), to: formatNoticeTime(window.endsAt, locale) });
  const ko = at("ko");
  const ja = at("ja");
  const en = at("en");
  const reason = window.reason.trim();
  const isSigning = window.scope === "SIGNING";
  return {
    title: {
      ko: isSigning ? "전자서명 점검 안내" : "시스템 점검 안내",
      ja: isSigning ? "電子署名メンテナンスのお知らせ" : "システムメンテナンスのお知らせ",
      en: isSigning ? "Signing maintenance" : "System maintenance",
    },
    body: {
      ko: `${ko.from}부터 ${ko.to}까지 ${isSigning ? "전자서명(계약·보증서 서명 등)을 할 수 없습니다" : "시스템을 이용할 수 없습니다(보증서 조회 제외)"}.${reason ? `\n${reason}` : ""}`,
      ja: `${ja.from}から${ja.to}まで、${isSigning ? "電子署名（契約・保証書への署名など）はご利用いただけません" : "システムはご利用いただけません（保証書の照会を除く）"}。${reason ? `\n${reason}` : ""}`,
      en: `From ${en.from} to ${en.to}, ${isSigning ? "signing (contracts, guarantees and other documents) is unavailable" : "the system is unavailable (except the guarantee lookup)"}.${reason ? `\n${reason}` : ""}`,
    },
  };
}
