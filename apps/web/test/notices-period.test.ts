import { describe, expect, it } from "vitest";
import { toSearchParams } from "../src/features/audit-log/api/audit-log";
import { periodState } from "../src/features/notices/period";
import { isoToLocalInput, localInputToIso } from "../src/lib/datetime-local";

describe("notice periods", () => {
  it("round-trips a datetime-local value through an ISO instant", () => {
    const iso = localInputToIso("2026-12-01T09:30");
    expect(iso).not.toBeNull();
    expect(isoToLocalInput(new Date(iso!))).toBe("2026-12-01T09:30");
    expect(localInputToIso("")).toBeNull();
    expect(localInputToIso("not a date")).toBeNull();
  });

  it("says where a notice stands, withdrawal first", () => {
    const period = { startsAt: "2026-12-01T00:00:00Z", endsAt: "2026-12-02T00:00:00Z", withdrawnAt: null };
    expect(periodState(period, new Date("2026-11-30T00:00:00Z"))).toBe("SCHEDULED");
    expect(periodState(period, new Date("2026-12-01T12:00:00Z"))).toBe("CURRENT");
    expect(periodState(period, new Date("2026-12-02T00:00:00Z"))).toBe("ENDED");
    expect(periodState({ ...period, withdrawnAt: "2026-12-01T01:00:00Z" }, new Date("2026-12-01T12:00:00Z"))).toBe("WITHDRAWN");
  });
});

describe("audit log filters", () => {
  it("sends only the filters that are set", () => {
    expect(toSearchParams({})).toBe("");
    expect(toSearchParams({ action: "contracts.", organizationId: "" }, { cursor: "42" })).toBe("?action=contracts.&cursor=42");
  });
});
