import { describe, expect, it } from "vitest";
import {
  allowedContractActions,
  awaitingSideOf,
  CONTRACT_ACTIONS,
  CONTRACT_SIDES,
  CONTRACT_STATUSES,
  nextContractStatus,
  type ContractAction,
  type ContractSide,
  type ContractStatus,
} from "../src/contracts";

/** Every allowed step, written out by hand: the table the state machine must match exactly. */
const EXPECTED: Record<string, ContractStatus | "DELETED"> = {
  "DRAFT EDIT ORDERER": "DRAFT",
  "RETURNED EDIT ORDERER": "RETURNED",
  "DRAFT DELETE ORDERER": "DELETED",
  "DRAFT SEND ORDERER": "SENT",
  "RETURNED SEND ORDERER": "SENT",
  "SENT RETURN CONTRACTOR": "RETURNED",
  "SIGNED_BY_CONTRACTOR RETURN ORDERER": "RETURNED",
  "SENT SIGN CONTRACTOR": "SIGNED_BY_CONTRACTOR",
  "SIGNED_BY_CONTRACTOR SIGN ORDERER": "COMPLETED",
  "SENT CANCEL ORDERER": "CANCELLED",
  "RETURNED CANCEL ORDERER": "CANCELLED",
  "SIGNED_BY_CONTRACTOR CANCEL ORDERER": "CANCELLED",
};

const everyStep: [ContractStatus, ContractAction, ContractSide][] = CONTRACT_STATUSES.flatMap((status) =>
  CONTRACT_ACTIONS.flatMap((action) => CONTRACT_SIDES.map((side) => [status, action, side] as [ContractStatus, ContractAction, ContractSide])),
);

describe("the contract state machine", () => {
  it.each(everyStep)("%s + %s by %s", (status, action, side) => {
    expect(nextContractStatus(status, action, side)).toBe(EXPECTED[`${status} ${action} ${side}`] ?? null);
  });

  it("lists exactly the allowed actions per status and side", () => {
    for (const status of CONTRACT_STATUSES) {
      for (const side of CONTRACT_SIDES) {
        const expected = CONTRACT_ACTIONS.filter((action) => `${status} ${action} ${side}` in EXPECTED);
        expect(allowedContractActions(status, side), `${status} ${side}`).toEqual(expected);
      }
    }
  });

  it("lets nobody act on a completed or cancelled contract", () => {
    for (const side of CONTRACT_SIDES) {
      expect(allowedContractActions("COMPLETED", side)).toEqual([]);
      expect(allowedContractActions("CANCELLED", side)).toEqual([]);
    }
  });

  it("waits on the side that has something to do", () => {
    expect(Object.fromEntries(CONTRACT_STATUSES.map((status) => [status, awaitingSideOf(status)]))).toEqual({
      DRAFT: "ORDERER",
      SENT: "CONTRACTOR",
      RETURNED: "ORDERER",
      SIGNED_BY_CONTRACTOR: "ORDERER",
      COMPLETED: null,
      CANCELLED: null,
    });
    // The side awaited can always do something, and a side that is not awaited can never sign or send.
    for (const status of CONTRACT_STATUSES) {
      const awaited = awaitingSideOf(status);
      if (awaited) expect(allowedContractActions(status, awaited).length).toBeGreaterThan(0);
      for (const side of CONTRACT_SIDES.filter((s) => s !== awaited)) {
        expect(allowedContractActions(status, side).filter((action) => action === "SIGN" || action === "SEND")).toEqual([]);
      }
    }
  });
});
