import { describe, expect, it } from "vitest";
import {
  delegationGrantStatement,
  delegationRevocationStatement,
  encodeStatement,
  pickParentDelegation,
  type DelegationGrantStatementInput,
} from "../src/delegations";

const GRANT: DelegationGrantStatementInput = {
  statementId: "0b5d3f4e-8f0a-4b7e-9a43-2b1c0d9e8f71",
  organizationId: "6a0f7d2e-1c3b-4e5f-8a9b-0c1d2e3f4a5b",
  grantorId: "11111111-2222-4333-8444-555555555555",
  agentId: "66666666-7777-4888-9999-aaaaaaaaaaaa",
  parentId: null,
  scopes: ["GUARANTEES", "BILLING", "CONTRACTS"],
  validFrom: "2026-12-01T00:00:00Z",
  validUntil: "2026-12-31T15:00:00.000Z",
};

describe("delegationGrantStatement", () => {
  it("writes a fixed key order, sorted scopes and the timestamps exactly as given", () => {
    expect(delegationGrantStatement(GRANT)).toBe(
      '{"type":"pwp.delegation.grant.v1","statementId":"0b5d3f4e-8f0a-4b7e-9a43-2b1c0d9e8f71",' +
        '"organizationId":"6a0f7d2e-1c3b-4e5f-8a9b-0c1d2e3f4a5b","grantorId":"11111111-2222-4333-8444-555555555555",' +
        '"agentId":"66666666-7777-4888-9999-aaaaaaaaaaaa","parentId":null,"scopes":["BILLING","CONTRACTS","GUARANTEES"],' +
        '"validFrom":"2026-12-01T00:00:00Z","validUntil":"2026-12-31T15:00:00.000Z"}',
    );
  });

  it("is the same whatever the order of the input's keys or scopes, and ignores extra properties", () => {
    const reordered = {
      validUntil: GRANT.validUntil,
      extra: "not signed",
      scopes: ["CONTRACTS", "GUARANTEES", "BILLING", "CONTRACTS"],
      parentId: null,
      agentId: GRANT.agentId,
      grantorId: GRANT.grantorId,
      organizationId: GRANT.organizationId,
      statementId: GRANT.statementId,
      validFrom: GRANT.validFrom,
    } as DelegationGrantStatementInput;
    expect(delegationGrantStatement(reordered)).toBe(delegationGrantStatement(GRANT));
  });

  it("changes with every signed field", () => {
    const base = delegationGrantStatement(GRANT);
    for (const change of [
      { statementId: "0b5d3f4e-8f0a-4b7e-9a43-2b1c0d9e8f72" },
      { organizationId: GRANT.grantorId },
      { grantorId: GRANT.agentId },
      { agentId: GRANT.grantorId },
      { parentId: GRANT.statementId },
      { scopes: ["CONTRACTS"] as const },
      { validFrom: "2026-12-01T00:00:00.000Z" },
      { validUntil: "2027-01-01T00:00:00.000Z" },
    ]) {
      expect(delegationGrantStatement({ ...GRANT, ...change })).not.toBe(base);
    }
  });

  it("does not modify the caller's scopes", () => {
    const scopes = ["GUARANTEES", "BILLING"] as const;
    const input = { ...GRANT, scopes: [...scopes] };
    delegationGrantStatement(input);
    expect(input.scopes).toEqual(["GUARANTEES", "BILLING"]);
  });
});

describe("delegationRevocationStatement", () => {
  it("writes a fixed key order and the reason as recorded (trimmed), escaping what JSON must", () => {
    const text = delegationRevocationStatement({
      reason: '  현장 종료 "A" / 現場終了\n',
      revokerId: GRANT.grantorId,
      delegationId: GRANT.agentId,
      organizationId: GRANT.organizationId,
      statementId: GRANT.statementId,
    });
    expect(text).toBe(
      '{"type":"pwp.delegation.revoke.v1","statementId":"0b5d3f4e-8f0a-4b7e-9a43-2b1c0d9e8f71",' +
        '"organizationId":"6a0f7d2e-1c3b-4e5f-8a9b-0c1d2e3f4a5b","delegationId":"66666666-7777-4888-9999-aaaaaaaaaaaa",' +
        '"revokerId":"11111111-2222-4333-8444-555555555555","reason":"현장 종료 \\"A\\" / 現場終了"}',
    );
    expect(JSON.parse(text).reason).toBe('현장 종료 "A" / 現場終了');
  });
});

describe("encodeStatement", () => {
  it("is UTF-8, stable across calls", () => {
    const bytes = encodeStatement('{"reason":"위임 終了 é"}');
    expect(Buffer.from(bytes).toString("hex")).toBe(Buffer.from('{"reason":"위임 終了 é"}', "utf8").toString("hex"));
    expect(encodeStatement(delegationGrantStatement(GRANT))).toEqual(encodeStatement(delegationGrantStatement(GRANT)));
  });
});

describe("pickParentDelegation", () => {
  const held = [
    { id: "a", scopes: ["CONTRACTS"] as const, validFrom: "2026-12-01T00:00:00Z", validUntil: "2026-12-10T00:00:00Z" },
    { id: "b", scopes: ["CONTRACTS", "BILLING"] as const, validFrom: "2026-12-01T00:00:00Z", validUntil: "2026-12-31T00:00:00Z" },
  ];

  it("takes the oldest delegation covering every scope and the whole period", () => {
    const period = { validFrom: "2026-12-02T00:00:00Z", validUntil: "2026-12-09T00:00:00Z" };
    expect(pickParentDelegation(held, { scopes: ["CONTRACTS"], ...period })?.id).toBe("a");
    expect(pickParentDelegation(held, { scopes: ["BILLING", "CONTRACTS"], ...period })?.id).toBe("b");
    expect(pickParentDelegation(held, { scopes: ["CONTRACTS"], validFrom: period.validFrom, validUntil: "2026-12-20T00:00:00Z" })?.id).toBe("b");
  });

  it("finds none beyond the scopes or the period", () => {
    expect(pickParentDelegation(held, { scopes: ["GUARANTEES"], validFrom: "2026-12-02T00:00:00Z", validUntil: "2026-12-03T00:00:00Z" })).toBeNull();
    expect(pickParentDelegation(held, { scopes: ["CONTRACTS"], validFrom: "2026-11-30T00:00:00Z", validUntil: "2026-12-03T00:00:00Z" })).toBeNull();
    expect(pickParentDelegation(held, { scopes: ["CONTRACTS"], validFrom: "2026-12-02T00:00:00Z", validUntil: "2027-01-01T00:00:00Z" })).toBeNull();
  });
});
