import { describe, expect, it } from "vitest";
import { formatNoticeTime, maintenanceAnnouncement, pickText } from "../src/notices.ts";

describe("pickText", () => {
  it("gives the reader's language, else the first written of English, Korean, Japanese", () => {
    expect(pickText({ ko: "점검", ja: "", en: "Maintenance" }, "ko")).toBe("점검");
    expect(pickText({ ko: "점검", ja: "", en: "Maintenance" }, "ja")).toBe("Maintenance");
    expect(pickText({ ko: "점검", ja: " ", en: "" }, "ja")).toBe("점검");
    expect(pickText({ ko: "", ja: "", en: "" }, "en")).toBe("");
  });
});

describe("maintenanceAnnouncement", () => {
  it("states the period in each reader's time zone and what is paused", () => {
    const window = { scope: "SIGNING" as const, startsAt: "2026-12-01T13:00:00Z", endsAt: "2026-12-01T15:30:00Z", reason: "" };
    const { title, body } = maintenanceAnnouncement(window);
    expect(title.en).toBe("Signing maintenance");
    expect(body.ko).toContain("22:00");
    expect(body.ko).toContain("12월 2일 00:30");
    expect(body.ja).toContain("22:00");
    expect(body.en).toContain("13:00 UTC");
    expect(body.en).toContain("15:30 UTC");
    expect(maintenanceAnnouncement({ ...window, scope: "FULL" }).body.en).toContain("except the guarantee lookup");
  });

  it("formats one instant as KST, JST and UTC", () => {
    expect(formatNoticeTime("2026-12-31T15:00:00Z", "ja")).toContain("2027");
    expect(formatNoticeTime("2026-12-31T15:00:00Z", "en")).toContain("2026");
  });
});
