import { describe, expect, it } from "vitest";
import { ORGANIZATION_STATUSES } from "../src/enums";
import {
  canAddRegistrationDocuments,
  canTransitionRegistration,
  isDecisionReasonRequired,
  REGISTRATION_TRANSITIONS,
} from "../src/registration";

describe("the registration review state machine", () => {
  it("lets ops decide only a pending application, and the applicant answer only a hold", () => {
    const allowed = ORGANIZATION_STATUSES.flatMap((from) =>
      ORGANIZATION_STATUSES.filter((to) => canTransitionRegistration(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(["ON_HOLD→PENDING", "PENDING→APPROVED", "PENDING→ON_HOLD", "PENDING→REJECTED"]);
    expect(REGISTRATION_TRANSITIONS.APPROVED).toEqual([]);
    expect(REGISTRATION_TRANSITIONS.REJECTED).toEqual([]);
  });

  it("accepts documents while pending or on hold only", () => {
    expect(ORGANIZATION_STATUSES.filter(canAddRegistrationDocuments)).toEqual(["PENDING", "ON_HOLD"]);
  });

  it("requires a reason to hold or reject, not to approve", () => {
    expect(isDecisionReasonRequired("ON_HOLD")).toBe(true);
    expect(isDecisionReasonRequired("REJECTED")).toBe(true);
    expect(isDecisionReasonRequired("APPROVED")).toBe(false);
  });
});
