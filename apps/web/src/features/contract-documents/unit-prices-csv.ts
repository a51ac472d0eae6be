// The unit-price table as CSV, for the spreadsheets contractors keep their 単価 / 단가 in: columns item, unit,
// quantity, unit_price and an optional amount, with a header row, UTF-8 with or without a BOM (Excel writes one).
// The amount is always recomputed as the API requires (floor(quantity × unit price)); a file whose amount differs
// is read with the computed one, and the lines where that happened are reported. A bad row is refused with its line
// number in the file (counting the header as line 1, and the lines inside a quoted cell), so the user can find it.
import Papa from "papaparse";
import { UNIT_PRICE_ROWS_MAX } from "@pwp/shared/contract-documents";
import { computeRowAmount, isQuantity, normalizeQuantity, parseAmountOrZero, type UnitPriceFormRow } from "./document-form";

export const UNIT_PRICE_CSV_COLUMNS = ["item", "unit", "quantity", "unit_price", "amount"] as const;
const REQUIRED_COLUMNS = ["item", "unit", "quantity", "unit_price"] as const;
const ITEM_MAX_LENGTH = 200;
const UNIT_MAX_LENGTH = 20;

export type CsvRow = Omit<UnitPriceFormRow, "key">;

export type UnitPricesCsvProblem =
  /** No row under the header. */
  | { kind: "empty" }
  | { kind: "missingColumns"; columns: string[] }
  | { kind: "tooManyRows"; max: number }
  /** The file's quoting or delimiters cannot be read at this line. */
  | { kind: "malformed"; line: number }
  /** A row with a bad or missing value in `column`. */
  | { kind: "badValue"; line: number; column: (typeof UNIT_PRICE_CSV_COLUMNS)[number] };

export type UnitPricesCsvResult = { rows: CsvRow[]; recomputedLines: number[] } | { problem: UnitPricesCsvProblem };

const FORMULA_PREFIX = /^'(?=[=+\-@\t\r])/;

/** A cell as the user meant it: trimmed, without the quote our own export puts before a formula-like value. */
function readCell(value: string | undefined): string {
  return (value ?? "").trim().replace(FORMULA_PREFIX, "");
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index++) {
    const char = text[index];
    // \r\n counts once; a lone \r (old Mac files) counts too.
    if (char === "\n" || (char === "\r" && text[index + 1] !== "\n")) count++;
  }
  return count;
}

/** The records of the file with the line each starts on (1-based), empty lines left out. */
function readRecords(text: string): { records: { line: number; cells: string[] }[]; malformedLine: number | null } {
  const records: { line: number; cells: string[] }[] = [];
  let malformedLine: number | null = null;
  let offset = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    header: false,
    // Stated, not detected: detection guesses from the first lines and can take a comma inside an item for a tab.
    delimiter: ",",
    skipEmptyLines: false,
    step: (result, parser) => {
      const startLine = line;
      // The cursor is past the record and the line break that ends it.
      line += countLineBreaks(text, offset, result.meta.cursor);
      offset = result.meta.cursor;
      if (result.errors.length > 0) {
        malformedLine = startLine;
        parser.abort();
        return;
      }
      const cells = result.data;
      if (cells.every((cell) => cell.trim() === "")) return;
      records.push({ line: startLine, cells });
    },
  });
  return { records, malformedLine };
}

/** Reads a CSV file's text into table rows, or says what is wrong and where. */
export function parseUnitPricesCsv(input: string): UnitPricesCsvResult {
  const text = input.replace(/^\uFEFF/, "");
  const { records, malformedLine } = readRecords(text);
  if (malformedLine !== null) return { problem: { kind: "malformed", line: malformedLine } };
  const [header, ...body] = records;
  if (!header) return { problem: { kind: "empty" } };

  const columns = header.cells.map((cell) => cell.trim().toLowerCase().replace(/[\s-]+/g, "_"));
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) return { problem: { kind: "missingColumns", columns: missing } };
  if (body.length === 0) return { problem: { kind: "empty" } };
  if (body.length > UNIT_PRICE_ROWS_MAX) return { problem: { kind: "tooManyRows", max: UNIT_PRICE_ROWS_MAX } };

  const indexOf = (column: string) => columns.indexOf(column);
  const rows: CsvRow[] = [];
  const recomputedLines: number[] = [];
  for (const { line, cells } of body) {
    if (cells.length > columns.length) return { problem: { kind: "malformed", line } };
    const cell = (column: (typeof UNIT_PRICE_CSV_COLUMNS)[number]) => (indexOf(column) < 0 ? "" : readCell(cells[indexOf(column)]));
    const bad = (column: (typeof UNIT_PRICE_CSV_COLUMNS)[number]) => ({ problem: { kind: "badValue" as const, line, column } });

    const item = cell("item");
    if (item === "" || item.length > ITEM_MAX_LENGTH) return bad("item");
    const unit = cell("unit");
    if (unit === "" || unit.length > UNIT_MAX_LENGTH) return bad("unit");
    const quantity = cell("quantity");
    if (!isQuantity(quantity)) return bad("quantity");
    const unitPrice = parseAmountOrZero(cell("unit_price"));
    if ("problem" in unitPrice) return bad("unit_price");
    const row = { item, unit, quantity: normalizeQuantity(quantity), unitPrice: String(unitPrice.amount) };
    const computed = computeRowAmount(row);
    if (!computed || "problem" in computed) return bad("amount");

    const written = cell("amount");
    if (written !== "") {
      const amount = parseAmountOrZero(written);
      if ("problem" in amount) return bad("amount");
      if (amount.amount !== computed.amount) recomputedLines.push(line);
    }
    rows.push(row);
  }
  return { rows, recomputedLines };
}

/**
 * The table as a CSV file's text: a BOM so Excel reads it as UTF-8 (Korean and Japanese Excel otherwise assume the
 * local code page), CRLF line ends, and formula-like cells quoted with ' so a spreadsheet does not run them
 * (parseUnitPricesCsv takes that quote off again).
 */
export function serializeUnitPricesCsv(rows: readonly CsvRow[]): string {
  const data = rows.map((row) => {
    const computed = computeRowAmount(row);
    return [row.item, row.unit, normalizeQuantity(row.quantity), row.unitPrice.trim(), computed && "amount" in computed ? String(computed.amount) : ""];
  });
  return `\uFEFF${Papa.unparse({ fields: [...UNIT_PRICE_CSV_COLUMNS], data }, { newline: "\r\n", escapeFormulae: true })}\r\n`;
}
