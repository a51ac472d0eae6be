// The unit-price table as CSV: what a contractor's spreadsheet writes (a BOM or none, CRLF or LF, quoted cells,
// separators in figures, full-width digits) is read into rows with the amounts recomputed; a bad file is refused
// with the line a user finds in their editor; what we write reads back the same and runs no formula in a spreadsheet.
import { describe, expect, it } from "vitest";
import { parseUnitPricesCsv, serializeUnitPricesCsv, type CsvRow } from "../src/features/contract-documents/unit-prices-csv";

const HEADER = "item,unit,quantity,unit_price,amount";

function rowsOf(text: string) {
  const result = parseUnitPricesCsv(text);
  if ("problem" in result) throw new Error(`unexpected problem: ${JSON.stringify(result.problem)}`);
  return result;
}

describe("parseUnitPricesCsv", () => {
  it("reads rows under the header, with or without a BOM and with either line end", () => {
    const body = `${HEADER}\r\n철근 가공조립,ton,12.5,850000,10625000\r\n거푸집,m2,300,25000,7500000\r\n`;
    const expected = [
      { item: "철근 가공조립", unit: "ton", quantity: "12.5", unitPrice: "850000" },
      { item: "거푸집", unit: "m2", quantity: "300", unitPrice: "25000" },
    ];
    expect(rowsOf(body)).toEqual({ rows: expected, recomputedLines: [] });
    expect(rowsOf(`\uFEFF${body}`).rows).toEqual(expected);
    expect(rowsOf(body.replace(/\r\n/g, "\n")).rows).toEqual(expected);
  });

  it("takes the amount column as optional and the columns in any order, case and spacing", () => {
    const result = rowsOf(" Unit_Price , ITEM,unit , quantity\n1200,型枠工,m2,10\n");
    expect(result.rows).toEqual([{ item: "型枠工", unit: "m2", quantity: "10", unitPrice: "1200" }]);
  });

  it("reads quoted cells with commas, quotes and line breaks, and figures with separators or full-width digits", () => {
    const text = `${HEADER}\n"Rebar, D13","t","1,234.5","850,000",\n"Formwork ""A""\nincl. removal",m2,１０,"25,000",250000\n`;
    expect(rowsOf(text).rows).toEqual([
      { item: "Rebar, D13", unit: "t", quantity: "1234.5", unitPrice: "850000" },
      { item: 'Formwork "A"\nincl. removal', unit: "m2", quantity: "10", unitPrice: "25000" },
    ]);
  });

  it("recomputes an amount that is not floor(quantity × unit price) and names its line", () => {
    const text = `${HEADER}\nA,m,0.333,1000,333\nB,m,0.333,1000,334\n\nC,m,2,3,5\n`;
    const result = rowsOf(text);
    expect(result.rows).toHaveLength(3);
    expect(result.recomputedLines).toEqual([3, 5]);
  });

  it("skips empty lines", () => {
    expect(rowsOf(`\n${HEADER}\n\nA,m,1,1\n  ,  ,  \n`).rows).toHaveLength(1);
  });

  it("names the line of a bad value, counting the header, empty lines and lines inside quoted cells", () => {
    expect(parseUnitPricesCsv(`${HEADER}\nA,m,1,1\nB,m,abc,1\n`)).toEqual({ problem: { kind: "badValue", line: 3, column: "quantity" } });
    expect(parseUnitPricesCsv(`${HEADER}\n"A\nsecond line",m,1,1\n\nB,m,1,-5\n`)).toEqual({ problem: { kind: "badValue", line: 5, column: "unit_price" } });
    expect(parseUnitPricesCsv(`${HEADER}\r\nA,m,1.2345,1\r\n`)).toEqual({ problem: { kind: "badValue", line: 2, column: "quantity" } });
    expect(parseUnitPricesCsv(`${HEADER}\n,m,1,1\n`)).toEqual({ problem: { kind: "badValue", line: 2, column: "item" } });
    expect(parseUnitPricesCsv(`${HEADER}\nA,,1,1\n`)).toEqual({ problem: { kind: "badValue", line: 2, column: "unit" } });
    expect(parseUnitPricesCsv(`${HEADER}\nA,m,1,1,1.5\n`)).toEqual({ problem: { kind: "badValue", line: 2, column: "amount" } });
    expect(parseUnitPricesCsv(`${HEADER}\nA,m,1,1\nB,m,1\n`)).toEqual({ problem: { kind: "badValue", line: 3, column: "unit_price" } });
  });

  it("refuses a row with more cells than the header, and broken quoting, at their line", () => {
    expect(parseUnitPricesCsv("item,unit,quantity,unit_price\nA,m,1,1,9\n")).toEqual({ problem: { kind: "malformed", line: 2 } });
    expect(parseUnitPricesCsv(`${HEADER}\nA,m,1,1\n"B"x,m,1,1\n`)).toEqual({ problem: { kind: "malformed", line: 3 } });
  });

  it("says which columns are missing, and refuses a file without rows or with too many", () => {
    expect(parseUnitPricesCsv("name,unit,qty,unit_price\nA,m,1,1\n")).toEqual({ problem: { kind: "missingColumns", columns: ["item", "quantity"] } });
    expect(parseUnitPricesCsv("")).toEqual({ problem: { kind: "empty" } });
    expect(parseUnitPricesCsv(`\uFEFF${HEADER}\r\n`)).toEqual({ problem: { kind: "empty" } });
    const many = Array.from({ length: 501 }, (_, index) => `R${index},m,1,1`).join("\n");
    expect(parseUnitPricesCsv(`${HEADER}\n${many}\n`)).toEqual({ problem: { kind: "tooManyRows", max: 500 } });
  });

  it("refuses a row whose amount would pass the largest contract amount", () => {
    expect(parseUnitPricesCsv(`${HEADER}\nA,m,999999999,999999999999\n`)).toEqual({ problem: { kind: "badValue", line: 2, column: "amount" } });
  });
});

describe("serializeUnitPricesCsv", () => {
  const rows: CsvRow[] = [
    { item: "철근, D13", unit: "ton", quantity: "12.5", unitPrice: "850000" },
    { item: "=HYPERLINK(\"x\")", unit: "식", quantity: "1", unitPrice: "1,000" },
    { item: '거푸집 "A"\n철거 포함', unit: "m2", quantity: "0.333", unitPrice: "1000" },
  ];

  it("writes a BOM, the header and CRLF lines, with the computed amounts", () => {
    const csv = serializeUnitPricesCsv(rows);
    expect(csv.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    expect(csv).toContain('"철근, D13",ton,12.5,850000,10625000\r\n');
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("quotes a formula-like cell so a spreadsheet shows it as text", () => {
    expect(serializeUnitPricesCsv(rows)).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it("reads back what it wrote", () => {
    expect(rowsOf(serializeUnitPricesCsv(rows))).toEqual({
      rows: [
        { item: "철근, D13", unit: "ton", quantity: "12.5", unitPrice: "850000" },
        { item: "=HYPERLINK(\"x\")", unit: "식", quantity: "1", unitPrice: "1000" },
        { item: '거푸집 "A"\n철거 포함', unit: "m2", quantity: "0.333", unitPrice: "1000" },
      ],
      recomputedLines: [],
    });
  });
});
