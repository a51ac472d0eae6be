import { DOCUMENT_NOTE_MAX_LENGTH, UNIT_PRICE_ROWS_MAX, type ContractStanding } from "@pwp/shared/contract-documents";
import type { TFunction } from "i18next";
import { useId, useRef, useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { TextAreaField } from "@/components/ui/text-field";
import { formatAmountWithCurrency } from "@/lib/amount-format";
import { getCurrentLocale } from "@/lib/i18n";
import { saveBlob } from "@/lib/save-blob";
import { computeRowAmount, newUnitPriceRow, unitPricesRunningTotal, type UnitPriceFormRow, type UnitPricesFormValues } from "../document-form";
import { parseUnitPricesCsv, serializeUnitPricesCsv, type UnitPricesCsvProblem } from "../unit-prices-csv";

type UnitPricesFieldsProps = {
  values: UnitPricesFormValues;
  onChange: (values: UnitPricesFormValues) => void;
  errorOf: (field: string) => string | undefined;
  standing: ContractStanding;
  /** The CSV download's file name, without extension. */
  fileBaseName: string;
};

type CsvOutcome = { kind: "loaded"; count: number; fileName: string; recomputedLines: number[] } | { kind: "failed"; message: string } | null;

const COLUMNS = ["item", "unit", "quantity", "unitPrice"] as const;

/**
 * 総価契約単価合意 · 단가 합의: the table of unit prices, each row's amount computed as the API computes it
 * (floor(quantity × unit price), never typed), the running total against the contract's current amount (they must
 * be equal), and the same table in and out as CSV.
 */
export function UnitPricesFields({ values, onChange, errorOf, standing, fileBaseName }: UnitPricesFieldsProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const headingId = useId();
  const fileInputId = useId();
  const fileInputRef = useRef<HTMLInputElement>(null);
  const [csvOutcome, setCsvOutcome] = useState<CsvOutcome>(null);
  const money = (amount: number | bigint) => formatAmountWithCurrency(Number(amount), standing.currency, language);
  const target = BigInt(standing.current.amount);
  const total = unitPricesRunningTotal(values.rows);
  const gap = total - target;

  function updateRow(index: number, patch: Partial<UnitPriceFormRow>) {
    onChange({ ...values, rows: values.rows.map((row, rowIndex) => (rowIndex === index ? { ...row, ...patch } : row)) });
  }

  function removeRow(index: number) {
    onChange({ ...values, rows: values.rows.filter((_, rowIndex) => rowIndex !== index) });
  }

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      // UTF-8 either way: TextDecoder drops nothing, parseUnitPricesCsv removes a BOM.
      const result = parseUnitPricesCsv(new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()));
      if ("problem" in result) {
        setCsvOutcome({ kind: "failed", message: describeCsvProblem(result.problem, t) });
      } else {
        onChange({ ...values, rows: result.rows.map((row) => newUnitPriceRow(row)) });
        setCsvOutcome({ kind: "loaded", count: result.rows.length, fileName: file.name, recomputedLines: result.recomputedLines });
      }
    } catch {
      // Not UTF-8 (a file saved in the local code page), or unreadable.
      setCsvOutcome({ kind: "failed", message: t("contractDocuments.form.unitPrices.csvErrors.unreadable") });
    } finally {
      // The same file chosen again (after fixing it) must fire a change.
      if (fileInputRef.current) fileInputRef.current.value = "";
    }
  }

  function downloadCsv() {
    const csv = serializeUnitPricesCsv(values.rows);
    saveBlob(new Blob([csv], { type: "text/csv;charset=utf-8" }), `${fileBaseName}.csv`);
  }

  return (
    <section className="contract-documents__group" aria-labelledby={headingId}>
      <h2 id={headingId} className="contract-documents__legend">
        {t("contractDocuments.form.unitPrices.legend")}
      </h2>
      <p className="muted">{t("contractDocuments.form.unitPrices.hint", { amount: money(target) })}</p>

      <div className="contract-documents__csv">
        <div className="field">
          <label className="field__label" htmlFor={fileInputId}>
            {t("contractDocuments.form.unitPrices.csvFile")}
          </label>
          <p className="field__hint" id={`${fileInputId}-hint`}>
            {t("contractDocuments.form.unitPrices.csvHint")}
          </p>
          <input
            ref={fileInputRef}
            id={fileInputId}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`${fileInputId}-hint`}
            onChange={(event) => void readFile(event)}
          />
        </div>
        <Button variant="secondary" onClick={downloadCsv} disabled={values.rows.length === 0}>
          {t("contractDocuments.form.unitPrices.download")}
        </Button>
      </div>
      {csvOutcome?.kind === "failed" && <Alert>{csvOutcome.message}</Alert>}
      {csvOutcome?.kind === "loaded" && (
        <p role="status" className="contract-documents__csv-result">
          {t("contractDocuments.form.unitPrices.csvLoaded", { rows: csvOutcome.count, fileName: csvOutcome.fileName })}
          {csvOutcome.recomputedLines.length > 0 &&
            ` ${t("contractDocuments.form.unitPrices.csvRecomputed", { lines: csvOutcome.recomputedLines.join(", ") })}`}
        </p>
      )}

      <div className="table-scroll">
        <table className="data-table contract-documents__unit-prices" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t("contractDocuments.form.unitPrices.columns.number")}</th>
              {COLUMNS.map((column) => (
                <th key={column} scope="col">
                  {t(`contractDocuments.form.unitPrices.columns.${column}`)}
                </th>
              ))}
              <th scope="col" className="contract-documents__amount">
                {t("contractDocuments.form.unitPrices.columns.amount")}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t("contractDocuments.form.unitPrices.columns.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {values.rows.map((row, index) => (
              <UnitPriceRowEditor
                key={row.key}
                row={row}
                index={index}
                errorOf={errorOf}
                money={money}
                onChange={(patch) => updateRow(index, patch)}
                onRemove={() => removeRow(index)}
              />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5}>
                {t("contractDocuments.form.unitPrices.total")}
              </th>
              <td className="contract-documents__amount details__number">{money(total)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <p className={gap === 0n ? "contract-documents__total contract-documents__total--ok" : "contract-documents__total"} role="status">
        {gap === 0n
          ? t("contractDocuments.form.unitPrices.totalMatches", { amount: money(target) })
          : gap < 0n
            ? t("contractDocuments.form.unitPrices.totalShort", { amount: money(-gap), target: money(target) })
            : t("contractDocuments.form.unitPrices.totalOver", { amount: money(gap), target: money(target) })}
      </p>
      {errorOf("rows") && <p className="field__error">{errorOf("rows")}</p>}
      {values.rows.length >= UNIT_PRICE_ROWS_MAX ? (
        <Notice>{t("contractDocuments.form.unitPrices.rowsMax", { max: UNIT_PRICE_ROWS_MAX })}</Notice>
      ) : (
        <div>
          <Button variant="secondary" onClick={() => onChange({ ...values, rows: [...values.rows, newUnitPriceRow()] })}>
            {t("contractDocuments.form.unitPrices.addRow")}
          </Button>
        </div>
      )}
      <TextAreaField
        label={t("contractDocuments.form.unitPrices.note")}
        hint={t("contractDocuments.form.optional")}
        name="note"
        rows={3}
        maxLength={DOCUMENT_NOTE_MAX_LENGTH}
        value={values.note}
        error={errorOf("note")}
        onChange={(event) => onChange({ ...values, note: event.target.value })}
      />
    </section>
  );
}

type UnitPriceRowEditorProps = {
  row: UnitPriceFormRow;
  index: number;
  errorOf: (field: string) => string | undefined;
  money: (amount: number) => string;
  onChange: (patch: Partial<UnitPriceFormRow>) => void;
  onRemove: () => void;
};

function UnitPriceRowEditor({ row, index, errorOf, money, onChange, onRemove }: UnitPriceRowEditorProps) {
  const { t } = useTranslation();
  const idBase = useId();
  const number = index + 1;
  const computed = computeRowAmount(row);
  const amountError = errorOf(`rows.${index}.amount`) ?? (computed && "problem" in computed && computed.problem === "range" ? t("contractDocuments.form.problems.rowAmountRange") : undefined);
  const inputModes = { item: "text", unit: "text", quantity: "decimal", unitPrice: "numeric" } as const;
  const maxLengths = { item: 200, unit: 20, quantity: 20, unitPrice: 30 } as const;

  return (
    <tr>
      <th scope="row" className="details__number">
        {number}
      </th>
      {COLUMNS.map((column) => {
        const error = errorOf(`rows.${index}.${column}`);
        const errorId = `${idBase}-${column}-error`;
        return (
          <td key={column} className={error ? "field--invalid" : undefined}>
            <input
              className="field__input contract-documents__cell"
              aria-label={t("contractDocuments.form.unitPrices.cellLabel", { column: t(`contractDocuments.form.unitPrices.columns.${column}`), number })}
              inputMode={inputModes[column]}
              autoComplete="off"
              maxLength={maxLengths[column]}
              value={row[column]}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(event) => onChange({ [column]: event.target.value })}
            />
            {error && (
              <p className="field__error" id={errorId}>
                {error}
              </p>
            )}
          </td>
        );
      })}
      <td className="contract-documents__amount details__number">
        {computed && "amount" in computed ? money(computed.amount) : "—"}
        {amountError && <p className="field__error">{amountError}</p>}
      </td>
      <td>
        <Button variant="secondary" className="button--danger-outline" aria-label={t("contractDocuments.form.unitPrices.removeRow", { number })} onClick={onRemove}>
          {t("contractDocuments.form.unitPrices.remove")}
        </Button>
      </td>
    </tr>
  );
}

function describeCsvProblem(problem: UnitPricesCsvProblem, t: TFunction): string {
  switch (problem.kind) {
    case "empty":
      return t("contractDocuments.form.unitPrices.csvErrors.empty");
    case "missingColumns":
      return t("contractDocuments.form.unitPrices.csvErrors.missingColumns", { columns: problem.columns.join(", ") });
    case "tooManyRows":
      return t("contractDocuments.form.unitPrices.csvErrors.tooManyRows", { max: problem.max });
    case "malformed":
      return t("contractDocuments.form.unitPrices.csvErrors.malformed", { line: problem.line });
    case "badValue":
      return t("contractDocuments.form.unitPrices.csvErrors.badValue", { line: problem.line, column: problem.column });
  }
}
