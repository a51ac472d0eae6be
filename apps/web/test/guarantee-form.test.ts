// The application form's rules without React: the share of the base shown as the user types (integer basis points,
// the target amount when given), the mapping of the form to one POST body per ticked kind (fields a kind does not
// carry are sent empty), the problems the form finds by itself, the placement of the API's field errors, and the
// drafts sent one after another, stopping at the first failure.
import type { GuaranteeDetail } from "@pwp/shared/guarantees";
import { describe, expect, it } from "vitest";
import {
  applyContract,
  computeGuaranteeShare,
  createGuaranteeDrafts,
  emptyGuaranteeForm,
  formatBasisPoints,
  guaranteeFormFromDetail,
  newContactRow,
  placeKindFieldErrors,
  toGuaranteeBodies,
  toUpdateBody,
  type GuaranteeFormValues,
} from "../src/features/guarantees/guarantee-form";

const SURETY_ID = "0b5a8a52-8f7e-4d4a-9a55-2f4f3f1e0a01";
const CONTRACT_ID = "4f2d3c1b-1a2b-4c3d-8e9f-0a1b2c3d4e5f";

function filledForm(overrides: Partial<GuaranteeFormValues> = {}): GuaranteeFormValues {
  const base = emptyGuaranteeForm({ feeBilledTo: "○○건설 주식회사", notificationEmail: "soumu@example.jp" });
  const values: GuaranteeFormValues = {
    ...base,
    source: "standalone",
    ordererName: " むつ市長 ",
    worksTitle: "○○線道路改良工事",
    contractAmount: "50,000,000",
    contractDate: "2026-04-01",
    worksStartDate: "2026-04-02",
    worksEndDate: "2027-03-15",
    suretyOrganizationId: SURETY_ID,
    kinds: ["CONTRACT_PERFORMANCE", "ADVANCE_PAYMENT"],
    ...overrides,
  };
  values.byKind = {
    ...values.byKind,
    ADVANCE_PAYMENT: {
      ...values.byKind.ADVANCE_PAYMENT,
      guaranteeAmount: "２０，０００，０００",
      guaranteeStartDate: "2026-04-02",
      guaranteeEndDate: "2027-03-15",
      depositBankName: "○○銀行",
      depositBranchName: "××支店",
      usesReDeposit: true,
    },
    CONTRACT_PERFORMANCE: {
      ...values.byKind.CONTRACT_PERFORMANCE,
      guaranteeAmount: "5000000",
      guaranteeStartDate: "2026-04-02",
      guaranteeEndDate: "2027-03-15",
      // Typed, then the kind has no deposit bank: it must not be sent.
      depositBankName: "left over",
      targetAmountThisYear: "1000",
      delivery: "PAPER",
      wantsPaperFeeStatement: true,
      feePaymentMethod: "INSTALLMENTS",
    },
  };
  return values;
}

describe("the share of the guarantee amount", () => {
  it("is taken of the contract amount, in basis points rounded down, shown with two decimals", () => {
    expect(computeGuaranteeShare({ guaranteeAmount: "20,000,000", targetAmountThisYear: "", contractAmount: "50000000" })).toEqual({
      basisPoints: 4000,
      percent: "40.00%",
      base: "contract",
      baseAmount: 50_000_000,
    });
    // 1 / 3 = 33.333…% → 33.33%, never rounded up.
    expect(computeGuaranteeShare({ guaranteeAmount: "1", targetAmountThisYear: "", contractAmount: "3" })?.percent).toBe("33.33%");
    expect(computeGuaranteeShare({ guaranteeAmount: "2", targetAmountThisYear: "", contractAmount: "3" })?.percent).toBe("66.66%");
  });

  it("is taken of this year's target amount when one is given", () => {
    expect(computeGuaranteeShare({ guaranteeAmount: "12,340,000", targetAmountThisYear: "１００，０００，０００", contractAmount: "500000000" })).toMatchObject({
      basisPoints: 1234,
      percent: "12.34%",
      base: "target",
    });
  });

  it("is exact for the largest amounts (no float on the way)", () => {
    const share = computeGuaranteeShare({ guaranteeAmount: "999999999999998", targetAmountThisYear: "", contractAmount: "999999999999999" });
    expect(share?.basisPoints).toBe(9999);
    expect(share?.percent).toBe("99.99%");
  });

  it("is unknown until both amounts can be read", () => {
    expect(computeGuaranteeShare({ guaranteeAmount: "", targetAmountThisYear: "", contractAmount: "100" })).toBeNull();
    expect(computeGuaranteeShare({ guaranteeAmount: "10", targetAmountThisYear: "", contractAmount: "1.5" })).toBeNull();
  });

  it("formats basis points", () => {
    expect(formatBasisPoints(0)).toBe("0.00");
    expect(formatBasisPoints(5)).toBe("0.05");
    expect(formatBasisPoints(1234)).toBe("12.34");
    expect(formatBasisPoints(10000)).toBe("100.00");
  });
});


describe("toGuaranteeBodies", () => {
  it("makes one body per ticked kind, in the shared order, with each kind's own fields", () => {
    const result = toGuaranteeBodies(filledForm());
    if (!("bodies" in result)) throw new Error(JSON.stringify(result.problems));
    // The shared order (GUARANTEE_KINDS), whatever order the boxes were ticked in.
    expect(result.bodies.map((entry) => entry.kind)).toEqual(["ADVANCE_PAYMENT", "CONTRACT_PERFORMANCE"]);
    const [advance, contract] = result.bodies;
    expect(contract?.body).toEqual({
      suretyOrganizationId: SURETY_ID,
      kind: "CONTRACT_PERFORMANCE",
      contractId: null,
      ordererOrganizationId: null,
      ordererName: "むつ市長",
      worksTitle: "○○線道路改良工事",
      contractAmount: 50_000_000,
      contractDate: "2026-04-01",
      worksStartDate: "2026-04-02",
      worksEndDate: "2027-03-15",
      guaranteeAmount: 5_000_000,
      guaranteeStartDate: "2026-04-02",
      guaranteeEndDate: "2027-03-15",
      // Neither a deposit bank nor a target amount belongs to a contract guarantee.
      targetAmountThisYear: null,
      depositBankName: "",
      depositBranchName: "",
      usesReDeposit: false,
      feePaymentMethod: "INSTALLMENTS",
      feeBilledTo: "○○건설 주식회사",
      delivery: "PAPER",
      wantsPaperFeeStatement: true,
      destinationBranch: "",
      notificationEmail: "soumu@example.jp",
      contacts: [],
      message: "",
    });
    expect(advance?.body).toMatchObject({
      kind: "ADVANCE_PAYMENT",
      guaranteeAmount: 20_000_000,
      depositBankName: "○○銀行",
      depositBranchName: "××支店",
      usesReDeposit: true,
      targetAmountThisYear: null,
      delivery: "ELECTRONIC",
      feePaymentMethod: "LUMP_SUM",
    });
  });

  it("links the contract when applying from one, and sends contacts without empty optional fields", () => {
    const contact = { ...newContactRow(), name: " 佐藤 ", phone: "017-722-7262" };
    const result = toGuaranteeBodies(filledForm({ source: "contract", contractId: CONTRACT_ID, kinds: ["ADVANCE_PAYMENT"], contacts: [contact] }));
    if (!("bodies" in result)) throw new Error("expected bodies");
    expect(result.bodies).toHaveLength(1);
    expect(result.bodies[0]?.body.contractId).toBe(CONTRACT_ID);
    expect(result.bodies[0]?.body.contacts).toEqual([{ name: "佐藤", phone: "017-722-7262" }]);
  });

  it("sends this year's target amount for advance payments", () => {
    const values = filledForm({ kinds: ["ADVANCE_PAYMENT"] });
    values.byKind.ADVANCE_PAYMENT.targetAmountThisYear = "30,000,000";
    const result = toGuaranteeBodies(values);
    if (!("bodies" in result)) throw new Error("expected bodies");
    expect(result.bodies[0]?.body.targetAmountThisYear).toBe(30_000_000);
  });

  it("names what is missing or wrong, per kind where it belongs to one", () => {
    const values = filledForm({ suretyOrganizationId: "", worksEndDate: "2026-01-01", contractAmount: "abc" });
    values.byKind.ADVANCE_PAYMENT = { ...values.byKind.ADVANCE_PAYMENT, guaranteeAmount: "", depositBankName: " ", guaranteeEndDate: "2026-01-01" };
    values.contacts = [newContactRow()];
    const result = toGuaranteeBodies(values);
    expect(result).toEqual({
      problems: {
        suretyOrganizationId: "required",
        contractAmount: "amountNotInteger",
        worksEndDate: "periodOrder",
        "ADVANCE_PAYMENT.guaranteeAmount": "required",
        "ADVANCE_PAYMENT.guaranteeEndDate": "periodOrder",
        "ADVANCE_PAYMENT.depositBankName": "required",
        "contacts.0.name": "required",
      },
    });
  });

  it("asks for at least one kind, and for the contract when applying from one", () => {
    expect(toGuaranteeBodies(filledForm({ kinds: [], source: "contract", contractId: "" }))).toEqual({
      problems: { kinds: "kindsRequired", contractId: "required" },
    });
  });
});

describe("editing a saved application", () => {
  const detail = {
    id: "d1",
    kind: "ADVANCE_PAYMENT",
    contractId: null,
    ordererName: "むつ市長",
    worksTitle: "○○工事",
    contractAmount: 50_000_000,
    contractDate: "2026-04-01",
    worksStartDate: "2026-04-02",
    worksEndDate: "2027-03-15",
    guaranteeAmount: 20_000_000,
    guaranteeStartDate: "2026-04-02",
    guaranteeEndDate: "2027-03-15",
    targetAmountThisYear: null,
    depositBankName: "○○銀行",
    depositBranchName: "××支店",
    usesReDeposit: false,
    feePaymentMethod: "LUMP_SUM",
    feeBilledTo: "○○建設",
    delivery: "ELECTRONIC",
    wantsPaperFeeStatement: false,
    destinationBranch: "青森支店",
    notificationEmail: "a@example.jp",
    contacts: [{ name: "佐藤", department: "総務部" }],
    message: "よろしくお願いします",
    surety: { id: SURETY_ID, nameLocal: "東日本建設業保証", nameLatin: "", registrationNumber: "1234567890123" },
    version: 3,
  } as unknown as GuaranteeDetail;

  it("round-trips the detail into a PUT body with the version", () => {
    const result = toUpdateBody(guaranteeFormFromDetail(detail), 3);
    if (!("body" in result)) throw new Error(JSON.stringify(result.problems));
    expect(result.body).toMatchObject({
      version: 3,
      kind: "ADVANCE_PAYMENT",
      suretyOrganizationId: SURETY_ID,
      guaranteeAmount: 20_000_000,
      depositBankName: "○○銀行",
      destinationBranch: "青森支店",
      contacts: [{ name: "佐藤", department: "総務部" }],
      message: "よろしくお願いします",
    });
  });
});

describe("applyContract", () => {
  it("fills the works details and proposes the works period as the guarantee period", () => {
    const values = emptyGuaranteeForm({ feeBilledTo: "", notificationEmail: "" });
    values.byKind.CONTRACT_PERFORMANCE.guaranteeEndDate = "2027-12-31";
    const next = applyContract(values, {
      id: CONTRACT_ID,
      title: "○○線道路改良工事",
      amount: 50_000_000,
      contractDate: "2026-04-01",
      worksStartDate: "2026-04-02",
      worksEndDate: "2027-03-15",
      orderer: { nameLocal: "むつ市" },
    });
    expect(next).toMatchObject({ source: "contract", contractId: CONTRACT_ID, ordererName: "むつ市", worksTitle: "○○線道路改良工事", contractAmount: "50000000" });
    expect(next.byKind.ADVANCE_PAYMENT).toMatchObject({ guaranteeStartDate: "2026-04-02", guaranteeEndDate: "2027-03-15" });
    // What the user already entered stays.
    expect(next.byKind.CONTRACT_PERFORMANCE.guaranteeEndDate).toBe("2027-12-31");
  });
});

describe("placeKindFieldErrors", () => {
  it("puts a kind's fields under the kind and leaves the common ones", () => {
    expect(placeKindFieldErrors("ADVANCE_PAYMENT", { guaranteeAmount: "too big", notificationEmail: "bad e-mail", "contacts.0.email": "bad" })).toEqual({
      "ADVANCE_PAYMENT.guaranteeAmount": "too big",
      notificationEmail: "bad e-mail",
      "contacts.0.email": "bad",
    });
  });
});

describe("createGuaranteeDrafts", () => {
  it("posts one draft per kind, in order", async () => {
    const values = filledForm({ kinds: ["ADVANCE_PAYMENT", "CONTRACT_PERFORMANCE"] });
    const result = toGuaranteeBodies(values);
    if (!("bodies" in result)) throw new Error("expected bodies");
    const sent: string[] = [];
    const outcome = await createGuaranteeDrafts(
      result.bodies.map((entry) => entry.body),
      async (body) => {
        sent.push(body.kind);
        return { id: `id-${body.kind}`, kind: body.kind } as GuaranteeDetail;
      },
    );
    expect(sent).toEqual(["ADVANCE_PAYMENT", "CONTRACT_PERFORMANCE"]);
    expect(outcome.created.map((detail) => detail.id)).toEqual(["id-ADVANCE_PAYMENT", "id-CONTRACT_PERFORMANCE"]);
    expect(outcome.failure).toBeNull();
  });

  it("stops at the first failure, keeps what was saved and says which kind failed", async () => {
    const result = toGuaranteeBodies(filledForm());
    if (!("bodies" in result)) throw new Error("expected bodies");
    const failure = new Error("refused");
    const sent: string[] = [];
    const third = { ...result.bodies[0]!.body, kind: "DEFECT_REPAIR" as const };
    const outcome = await createGuaranteeDrafts([...result.bodies.map((entry) => entry.body), third], async (body) => {
      sent.push(body.kind);
      if (body.kind === "CONTRACT_PERFORMANCE") throw failure;
      return { id: `id-${body.kind}`, kind: body.kind } as GuaranteeDetail;
    });
    // The third kind is never sent once the second failed.
    expect(sent).toEqual(["ADVANCE_PAYMENT", "CONTRACT_PERFORMANCE"]);
    expect(outcome.created.map((detail) => detail.kind)).toEqual(["ADVANCE_PAYMENT"]);
    expect(outcome.failure).toEqual({ kind: "CONTRACT_PERFORMANCE", error: failure });
  });
});
