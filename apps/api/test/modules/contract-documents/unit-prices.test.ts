// A unit-price agreement (総価契約単価合意) end to end: the contractor submits the table and signs it first, the orderer
// agrees by signing. Then its arithmetic: each row is quantity × unit price truncated to a whole unit, computed in
// integers (a float gets 1.005 × 1,000 wrong), and the rows add up exactly — beyond 2^53 too — to the contract amount.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UnitPriceRow } from "@pwp/shared/contract-documents";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { caller, fieldsOf } from "../contracts/contract-fixtures.ts";
import {
  auditActions,
  completedContract,
  CONTRACT_TERMS,
  createDocument,
  documentPdf,
  documentsUrl,
  documentUrl,
  expectEverySignatureValid,
  getDocument,
  listDocuments,
  openPdfsig,
  sendDocument,
  signAs,
  unitPriceRows,
  type CompletedContract,
  type Pdfsig,
} from "./document-fixtures.ts";

let testApp: TestApp;
let call: ReturnType<typeof caller>;
let fixture: CompletedContract;
let pdfsig: Pdfsig;

beforeAll(async () => {
  testApp = await buildTestApp();
  call = caller(testApp);
  fixture = await completedContract(testApp);
  pdfsig = await openPdfsig(testApp);
}, 120_000);

afterAll(async () => {
  pdfsig?.close();
  await testApp?.close();
});

describe("a unit-price agreement", () => {
  it("is submitted and signed by the contractor, then agreed by the orderer's signature", async () => {
    const { orderer, contractor, contract } = fixture;
    const rows = unitPriceRows(CONTRACT_TERMS.amount);
    const draft = await createDocument(testApp, contractor.staff, contract.id, { kind: "UNIT_PRICES", content: { rows, note: "내역서 기준" } });
    expect(draft).toMatchObject({ kind: "UNIT_PRICES", number: 1, status: "DRAFT", amount: CONTRACT_TERMS.amount, mySide: "CONTRACTOR", awaitingSide: "CONTRACTOR", allowedActions: ["EDIT", "DELETE", "SEND"] });
    // The orderer does not see the contractor's draft.
    expect((await call("GET", documentUrl(draft.id), orderer.staff.auth)).statusCode).toBe(404);
    expect((await listDocuments(testApp, orderer.staff, contract.id)).documents).toEqual([]);

    const sent = await sendDocument(testApp, contractor.staff, draft.id);
    expect(sent).toMatchObject({ status: "SENT", edition: 1, awaitingSide: "CONTRACTOR" });
    // The contractor signs its own submission first: until then the orderer can neither sign nor return it.
    expect((await getDocument(testApp, orderer.representative, draft.id)).allowedActions).toEqual([]);
    expect((await getDocument(testApp, contractor.representative, draft.id)).allowedActions).toEqual(["SIGN", "CANCEL"]);

    const signedByContractor = await signAs(testApp, fixture, "CONTRACTOR", draft.id);
    expect(signedByContractor).toMatchObject({ status: "SENT", awaitingSide: "ORDERER", signatures: [{ side: "CONTRACTOR", fieldName: "ContractorSignature" }] });
    expect((await getDocument(testApp, orderer.representative, draft.id)).allowedActions).toEqual(["RETURN", "SIGN"]);

    const agreed = await signAs(testApp, fixture, "ORDERER", draft.id);
    expect(agreed).toMatchObject({ status: "COMPLETED", awaitingSide: null, content: { rows }, currentRevision: { revision: 2 } });
    expect(agreed.signatures.map((signature) => signature.side)).toEqual(["CONTRACTOR", "ORDERER"]);
    await expectEverySignatureValid(testApp, pdfsig, await documentPdf(testApp, orderer.staff, draft.id), ["ContractorSignature", "OrdererSignature"]);

    const list = await listDocuments(testApp, orderer.staff, contract.id);
    expect(list.documents).toMatchObject([{ id: draft.id, kind: "UNIT_PRICES", status: "COMPLETED", amount: CONTRACT_TERMS.amount }]);
    // An agreement changes no term of the contract.
    expect(list.standing.current).toEqual({ ...CONTRACT_TERMS, changeNumber: null });
    expect(await auditActions(testApp, draft.id)).toEqual(["contract_documents.created", "contract_documents.sent", "contract_documents.signed", "contract_documents.signed"]);
  });
});

describe("unit-price arithmetic", () => {
  const post = (rows: UnitPriceRow[]) => call("POST", documentsUrl(fixture.contract.id), fixture.contractor.staff.auth, { kind: "UNIT_PRICES", content: { rows } });

  it("refuses a row whose amount is not quantity × unit price, naming body.content.rows.N.amount", async () => {
    const rows = unitPriceRows(CONTRACT_TERMS.amount);
    // Row 1 one short, row 2 one more (and its unit price with it): the total still adds up, only row 1 is wrong.
    const wrong = [rows[0]!, { ...rows[1]!, amount: rows[1]!.amount - 1 }, { ...rows[2]!, unitPrice: rows[2]!.unitPrice + 1, amount: rows[2]!.amount + 1 }];
    const response = await post(wrong);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("VALIDATION_FAILED");
    expect(response.json().error.fields).toEqual([{ field: "body.content.rows.1.amount", message: "must be quantity × unit price = 29" }]);
  });

  it("refuses rows that do not add up to the contract amount, naming body.content.rows", async () => {
    const response = await post(unitPriceRows(CONTRACT_TERMS.amount + 1));
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toEqual(["body.content.rows"]);
    expect(response.json().error.message).toContain("add up to 1,234,567,891; they must add up to the contract amount 1,234,567,890");
  });

  it("multiplies quantities with three decimals exactly, truncating to a whole unit", async () => {
    const lump = (amount: number): UnitPriceRow => ({ item: "잔여", unit: "식", quantity: "1", unitPrice: amount, amount });
    // 1.005 × 1,000 is 1,005 (a float says 1,004.999…, floored to 1,004); 2.345 × 333 = 780.885 is 780, not 781.
    const floatAnswer = await post([{ item: "철근", unit: "ton", quantity: "1.005", unitPrice: 1_000, amount: 1_004 }, lump(CONTRACT_TERMS.amount - 1_004)]);
    expect(floatAnswer.json().error.fields).toEqual([{ field: "body.content.rows.0.amount", message: "must be quantity × unit price = 1,005" }]);
    const rounded = await post([{ item: "방수", unit: "m2", quantity: "2.345", unitPrice: 333, amount: 781 }, lump(CONTRACT_TERMS.amount - 781)]);
    expect(rounded.json().error.fields).toEqual([{ field: "body.content.rows.0.amount", message: "must be quantity × unit price = 780" }]);
    // The largest quantity and unit price a row may hold: 999,999,999.999 × 999 = 998,999,999,999.001.
    const largest: UnitPriceRow = { item: "골재", unit: "m3", quantity: "999999999.999", unitPrice: 999, amount: 998_999_999_999 };
    const tooLarge = await post([largest]);
    expect(fieldsOf(tooLarge.json())).toEqual(["body.content.rows"]);

    const exact = await post([
      { item: "철근", unit: "ton", quantity: "1.005", unitPrice: 1_000, amount: 1_005 },
      { item: "방수", unit: "m2", quantity: "2.345", unitPrice: 333, amount: 780 },
      { item: "거푸집", unit: "m2", quantity: "0.29", unitPrice: 100, amount: 29 },
      lump(CONTRACT_TERMS.amount - 1_005 - 780 - 29),
    ]);
    expect(exact.statusCode, exact.body).toBe(201);
    const created = exact.json();
    expect(created.amount).toBe(CONTRACT_TERMS.amount);
    expect((await call("DELETE", documentUrl(created.id), fixture.contractor.staff.auth, { version: created.version })).statusCode).toBe(204);
  });

  it("adds rows beyond 2^53 without losing precision", async () => {
    // Nine rows of 999,999,999,999,999 and one of 7,199,254,741,002 add up to 2^53 + 1, which no float holds: the total
    // in the message is exact.
    const big: UnitPriceRow = { item: "대형 구조물", unit: "식", quantity: "1", unitPrice: 999_999_999_999_999, amount: 999_999_999_999_999 };
    const rows = [...Array.from({ length: 9 }, () => big), { ...big, unitPrice: 7_199_254_741_002, amount: 7_199_254_741_002 }];
    expect(rows.reduce((sum, row) => sum + BigInt(row.amount), 0n)).toBe(2n ** 53n + 1n);
    const response = await post(rows);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toEqual(["body.content.rows"]);
    expect(response.json().error.message).toContain("add up to 9,007,199,254,740,993;");
  });
});
