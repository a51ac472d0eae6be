import { parseAmountInput } from "@pwp/shared/amounts";
import type { ContractDetail } from "@pwp/shared/contracts";
import { describe, expect, it } from "vitest";
import {
  contractFormFromDetail,
  emptyContractForm,
  moveItem,
  newContact,
  newJointVentureMember,
  newTermsSection,
  shareTotalBasisPoints,
  toContractBody,
  type ContractFormValues,
} from "../src/features/contracts/contract-form";

const CONTRACTOR_ID = "6f1c1f56-58a7-4c57-9d0b-5a3c7f0f2b11";

function filledForm(overrides: Partial<ContractFormValues> = {}): ContractFormValues {
  return {
    ...emptyContractForm("2026-11-20"),
    contractorOrganizationId: CONTRACTOR_ID,
    title: "  서울시 도로 포장 공사  ",
    amount: "1,234,567,890",
    worksStartDate: "2026-12-01",
    worksEndDate: "2027-06-30",
    ...overrides,
  };
}

describe("parseAmountInput", () => {
  it("reads digits with separators as an exact integer", () => {
    expect(parseAmountInput("1,234,567")).toEqual({ amount: 1_234_567 });
    expect(parseAmountInput("1 234 567")).toEqual({ amount: 1_234_567 });
    expect(parseAmountInput("１２３")).toEqual({ amount: 123 });
    expect(parseAmountInput("1，000")).toEqual({ amount: 1000 });
  });

  it("keeps the largest allowed amount exact", () => {
    expect(parseAmountInput("999,999,999,999,999")).toEqual({ amount: 999_999_999_999_999 });
  });

  it("refuses decimals, signs, zero, empty and amounts above the maximum", () => {
    expect(parseAmountInput("1000.5")).toEqual({ problem: "amountNotInteger" });
    expect(parseAmountInput("1e6")).toEqual({ problem: "amountNotInteger" });
    expect(parseAmountInput("-5")).toEqual({ problem: "amountNotInteger" });
    expect(parseAmountInput("0")).toEqual({ problem: "amountRange" });
    expect(parseAmountInput("1,000,000,000,000,000")).toEqual({ problem: "amountRange" });
    expect(parseAmountInput("  ")).toEqual({ problem: "required" });
  });
});

describe("toContractBody", () => {
  it("builds a create body, trimming text and leaving out empty optional fields", () => {
    const section = { ...newTermsSection(), heading: " 제1조 목적 ", body: " 본 계약은… " };
    const contact = { ...newContact("CONTRACTOR"), name: " 김철수 ", email: "kim@example.kr" };
    const result = toContractBody(filledForm({ termsSections: [section], contacts: [contact], requiredGuarantees: ["CONTRACT_PERFORMANCE"] }), {
      kind: "create",
    });
    expect(result).toEqual({
      body: {
        contractorOrganizationId: CONTRACTOR_ID,
        title: "서울시 도로 포장 공사",
        amount: 1_234_567_890,
        worksStartDate: "2026-12-01",
        worksEndDate: "2027-06-30",
        contractDate: "2026-11-20",
        termsSections: [{ heading: "제1조 목적", body: "본 계약은…" }],
        requiredGuarantees: ["CONTRACT_PERFORMANCE"],
        contacts: [{ side: "CONTRACTOR", name: "김철수", email: "kim@example.kr" }],
        jointVenture: null,
      },
    });
  });

  it("sends a typed contract number on create, and requires one on update with the version", () => {
    expect(toContractBody(filledForm({ contractNumber: "K-2026/07" }), { kind: "create" })).toMatchObject({ body: { contractNumber: "K-2026/07" } });
    expect(toContractBody(filledForm(), { kind: "update", version: 3 })).toEqual({ problems: { contractNumber: "required" } });
    expect(toContractBody(filledForm({ contractNumber: "C-2026-000001" }), { kind: "update", version: 3 })).toMatchObject({
      body: { contractNumber: "C-2026-000001", version: 3 },
    });
  });

  it("names every field the form can judge, with row indexes the API uses", () => {
    const result = toContractBody(
      {
        ...emptyContractForm(""),
        contractNumber: "#1",
        amount: "12.5",
        worksStartDate: "2027-01-02",
        worksEndDate: "2027-01-01",
        termsSections: [newTermsSection()],
        contacts: [newContact("ORDERER")],
      },
      { kind: "create" },
    );
    expect(result).toEqual({
      problems: {
        contractNumber: "contractNumberFormat",
        contractorOrganizationId: "required",
        title: "required",
        amount: "amountNotInteger",
        contractDate: "required",
        worksEndDate: "periodOrder",
        "termsSections.0.heading": "required",
        "termsSections.0.body": "required",
        "contacts.0.name": "required",
      },
    });
  });

  it("round-trips a contract's detail into the same content", () => {
    const detail = {
      contractNumber: "C-2026-000009",
      title: "橋梁補修工事",
      amount: 98_000_000,
      contractor: { id: CONTRACTOR_ID },
      worksStartDate: "2026-12-01",
      worksEndDate: "2027-03-31",
      contractDate: "2026-11-20",
      place: "東京都千代田区",
      termsSections: [{ heading: "第1条", body: "本文" }],
      requiredGuarantees: ["ADVANCE_PAYMENT", "DEFECT_REPAIR"],
      contacts: [{ side: "ORDERER", name: "山田", department: "工事課", phone: "", email: "" }],
      version: 4,
    } as unknown as ContractDetail;
    const form = contractFormFromDetail(detail);
    expect(form.amount).toBe("98000000");
    expect(toContractBody(form, { kind: "update", version: detail.version })).toEqual({
      body: {
        contractNumber: "C-2026-000009",
        contractorOrganizationId: CONTRACTOR_ID,
        title: "橋梁補修工事",
        amount: 98_000_000,
        worksStartDate: "2026-12-01",
        worksEndDate: "2027-03-31",
        contractDate: "2026-11-20",
        place: "東京都千代田区",
        termsSections: [{ heading: "第1条", body: "本文" }],
        requiredGuarantees: ["ADVANCE_PAYMENT", "DEFECT_REPAIR"],
        contacts: [{ side: "ORDERER", name: "山田", department: "工事課" }],
        jointVenture: null,
        version: 4,
      },
    });
  });
});

describe("a joint venture on the form", () => {
  const MEMBER_ID = "0b6f3c1e-2a8d-4f4e-9a51-1d2c3b4a5f60";
  const jointVentureForm = (overrides: Partial<ContractFormValues> = {}) =>
    filledForm({
      isJointVenture: true,
      jointVentureName: " 青葉・北星特定建設工事共同企業体 ",
      leadShare: "60",
      jointVentureMembers: [{ ...newJointVentureMember(), organizationId: MEMBER_ID, share: "40" }],
      ...overrides,
    });

  it("sends the name, the lead's share and each member's share in basis points", () => {
    const result = toContractBody(jointVentureForm(), { kind: "create" });
    expect("body" in result && result.body.jointVenture).toEqual({
      name: "青葉・北星特定建設工事共同企業体",
      leadShareBasisPoints: 6000,
      members: [{ organizationId: MEMBER_ID, shareBasisPoints: 4000 }],
    });
  });

  it("adds up the shares as they are typed, exactly, and says when one is not a share yet", () => {
    const thirds = jointVentureForm({
      leadShare: "33.34",
      jointVentureMembers: [
        { ...newJointVentureMember(), share: "33.33" },
        { ...newJointVentureMember(), share: "33.33" },
      ],
    });
    expect(shareTotalBasisPoints(thirds)).toBe(10_000);
    expect(shareTotalBasisPoints(jointVentureForm({ leadShare: "60,5" }))).toBeNull();
  });

  it("names the joint venture's fields as the API does", () => {
    const result = toContractBody(
      jointVentureForm({ jointVentureName: " ", leadShare: "70", jointVentureMembers: [{ ...newJointVentureMember(), share: "abc" }] }),
      { kind: "create" },
    );
    expect("problems" in result && result.problems).toEqual({
      "jointVenture.name": "required",
      "jointVenture.members.0.organizationId": "required",
      "jointVenture.members.0.shareBasisPoints": "shareFormat",
    });
    const wrongTotal = toContractBody(jointVentureForm({ leadShare: "70" }), { kind: "create" });
    expect("problems" in wrongTotal && wrongTotal.problems).toEqual({ jointVenture: "sharesTotal" });
    const noMembers = toContractBody(jointVentureForm({ leadShare: "100", jointVentureMembers: [] }), { kind: "create" });
    expect("problems" in noMembers && noMembers.problems).toEqual({ "jointVenture.leadShareBasisPoints": "shareFormat", "jointVenture.members": "memberRequired" });
  });

  it("loads a joint venture back from the detail, the lead first", () => {
    const detail = {
      contractNumber: "C-2026-000010",
      title: "橋梁補修工事",
      amount: 480_000_000,
      contractor: { id: CONTRACTOR_ID },
      worksStartDate: "2027-01-12",
      worksEndDate: "2027-09-30",
      contractDate: "2026-12-24",
      place: "",
      termsSections: [],
      requiredGuarantees: [],
      contacts: [],
      jointVenture: {
        name: "青葉・北星特定建設工事共同企業体",
        members: [
          { organization: { id: CONTRACTOR_ID }, position: 0, isLead: true, shareBasisPoints: 6050 },
          { organization: { id: MEMBER_ID }, position: 1, isLead: false, shareBasisPoints: 3950 },
        ],
      },
      version: 2,
    } as unknown as ContractDetail;
    const form = contractFormFromDetail(detail);
    expect(form).toMatchObject({ isJointVenture: true, leadShare: "60.5", jointVentureMembers: [{ organizationId: MEMBER_ID, share: "39.5" }] });
    const result = toContractBody(form, { kind: "update", version: 2 });
    expect("body" in result && result.body.jointVenture).toEqual({
      name: "青葉・北星特定建設工事共同企業体",
      leadShareBasisPoints: 6050,
      members: [{ organizationId: MEMBER_ID, shareBasisPoints: 3950 }],
    });
  });
});

describe("moveItem", () => {
  it("moves one place and stays put at either end", () => {
    expect(moveItem(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });
});
