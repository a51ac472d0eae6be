import {
  unitPricesTotal,
  type ChangeContent,
  type ContractDocumentDetail,
  type InspectionContent,
  type InvoiceContent,
  type UnitPricesContent,
} from "@pwp/shared/contract-documents";
import type { Currency } from "@pwp/shared/contracts";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Card } from "@/components/ui/card";
import { formatAmountWithCurrency } from "@/lib/amount-format";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { DocumentStatusBadge } from "./document-status-badge";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="details__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function useFormatters(currency: Currency) {
  const language = getCurrentLocale();
  return {
    money: (amount: number | bigint) => formatAmountWithCurrency(Number(amount), currency, language),
    date: (value: string) => formatCalendarDate(value, language),
    dateTime: (value: string) => formatDateTime(new Date(value), language),
  };
}

/** What the document says, per kind, as the reader expects to read it (the PDF is the signed form of the same). */
export function DocumentContent({ detail }: { detail: ContractDocumentDetail }) {
  const { t } = useTranslation();
  const format = useFormatters(detail.currency);
  return (
    <Card title={t("contractDocuments.detail.contentTitle")}>
      {detail.kind === "CHANGE" && <ChangeView content={detail.content as ChangeContent} currency={detail.currency} />}
      {detail.kind === "UNIT_PRICES" && <UnitPricesView content={detail.content as UnitPricesContent} currency={detail.currency} />}
      {detail.kind === "INSPECTION" && <InspectionView content={detail.content as InspectionContent} currency={detail.currency} />}
      {detail.kind === "INVOICE" && <InvoiceView content={detail.content as InvoiceContent} currency={detail.currency} />}
      <h3 className="contract-documents__subheading">{t("contractDocuments.detail.recordTitle")}</h3>
      <dl className="details">
        <Row label={t("contractDocuments.detail.status")}>
          <DocumentStatusBadge status={detail.status} />
        </Row>
        {detail.edition > 1 && <Row label={t("contractDocuments.detail.edition")}>{detail.edition}</Row>}
        <Row label={t("contractDocuments.detail.createdAt")}>{format.dateTime(detail.createdAt)}</Row>
        {detail.sentAt && <Row label={t("contractDocuments.detail.sentAt")}>{format.dateTime(detail.sentAt)}</Row>}
        {detail.completedAt && <Row label={t("contractDocuments.detail.completedAt")}>{format.dateTime(detail.completedAt)}</Row>}
        {detail.cancelledAt && <Row label={t("contractDocuments.detail.cancelledAt")}>{format.dateTime(detail.cancelledAt)}</Row>}
      </dl>
    </Card>
  );
}

function Paragraphs({ text }: { text: string }) {
  return <span className="contract-documents__text">{text}</span>;
}

function ChangeView({ content, currency }: { content: ChangeContent; currency: Currency }) {
  const { t } = useTranslation();
  const format = useFormatters(currency);
  return (
    <dl className="details">
      <Row label={t("contractDocuments.content.change.amount")}>
        <span className="details__number">{format.money(content.amount)}</span>
      </Row>
      <Row label={t("contractDocuments.content.change.period")}>
        {t("contractDocuments.standing.periodValue", { start: format.date(content.worksStartDate), end: format.date(content.worksEndDate) })}
      </Row>
      <Row label={t("contractDocuments.content.change.reason")}>
        <Paragraphs text={content.reason} />
      </Row>
      {content.termsNote && (
        <Row label={t("contractDocuments.content.change.termsNote")}>
          <Paragraphs text={content.termsNote} />
        </Row>
      )}
    </dl>
  );
}

function UnitPricesView({ content, currency }: { content: UnitPricesContent; currency: Currency }) {
  const { t } = useTranslation();
  const format = useFormatters(currency);
  return (
    <>
      <div className="table-scroll">
        <table className="data-table contract-documents__unit-prices">
          <caption className="visually-hidden">{t("contractDocuments.content.unitPrices.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("contractDocuments.form.unitPrices.columns.number")}</th>
              <th scope="col">{t("contractDocuments.form.unitPrices.columns.item")}</th>
              <th scope="col">{t("contractDocuments.form.unitPrices.columns.unit")}</th>
              <th scope="col" className="contract-documents__amount">
                {t("contractDocuments.form.unitPrices.columns.quantity")}
              </th>
              <th scope="col" className="contract-documents__amount">
                {t("contractDocuments.form.unitPrices.columns.unitPrice")}
              </th>
              <th scope="col" className="contract-documents__amount">
                {t("contractDocuments.form.unitPrices.columns.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {content.rows.map((row, index) => (
              <tr key={index}>
                <td className="details__number">{index + 1}</td>
                <th scope="row">{row.item}</th>
                <td>{row.unit}</td>
                <td className="contract-documents__amount details__number">{row.quantity}</td>
                <td className="contract-documents__amount details__number">{format.money(row.unitPrice)}</td>
                <td className="contract-documents__amount details__number">{format.money(row.amount)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5}>
                {t("contractDocuments.form.unitPrices.total")}
              </th>
              <td className="contract-documents__amount details__number">{format.money(unitPricesTotal(content.rows))}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {content.note && (
        <dl className="details">
          <Row label={t("contractDocuments.form.unitPrices.note")}>
            <Paragraphs text={content.note} />
          </Row>
        </dl>
      )}
    </>
  );
}

function InspectionView({ content, currency }: { content: InspectionContent; currency: Currency }) {
  const { t } = useTranslation();
  const format = useFormatters(currency);
  const { result } = content;
  return (
    <>
      <dl className="details">
        <Row label={t("contractDocuments.form.inspection.inspectionKind")}>{t(`contractDocuments.inspectionKinds.${content.inspectionKind}`)}</Row>
        <Row label={t("contractDocuments.form.inspection.requestedDate")}>{format.date(content.requestedDate)}</Row>
        {content.requestNote && (
          <Row label={t("contractDocuments.form.inspection.requestNote")}>
            <Paragraphs text={content.requestNote} />
          </Row>
        )}
      </dl>
      <h3 className="contract-documents__subheading">{t("contractDocuments.content.inspection.resultTitle")}</h3>
      {result ? (
        <dl className="details">
          <Row label={t("contractDocuments.result.inspectedOn")}>{format.date(result.inspectedOn)}</Row>
          <Row label={t("contractDocuments.result.outcome")}>
            <span className={`status-badge contract-documents__outcome--${result.outcome}`}>{t(`contractDocuments.outcomes.${result.outcome}`)}</span>
          </Row>
          {result.findings && (
            <Row label={t("contractDocuments.result.findings")}>
              <Paragraphs text={result.findings} />
            </Row>
          )}
          <Row label={t("contractDocuments.content.inspection.inspectedAmount")}>
            <span className="details__number">{format.money(result.inspectedAmount)}</span>
          </Row>
        </dl>
      ) : (
        <p className="muted">{t("contractDocuments.content.inspection.noResult")}</p>
      )}
    </>
  );
}

function InvoiceView({ content, currency }: { content: InvoiceContent; currency: Currency }) {
  const { t } = useTranslation();
  const format = useFormatters(currency);
  return (
    <dl className="details">
      <Row label={t("contractDocuments.content.invoice.grossAmount")}>
        <span className="details__number">{format.money(content.grossAmount)}</span>
      </Row>
      <Row label={t("contractDocuments.content.invoice.advanceDeduction")}>
        <span className="details__number">{format.money(content.advanceDeduction)}</span>
      </Row>
      <Row label={t("contractDocuments.content.invoice.net")}>
        <strong className="details__number">{format.money(content.grossAmount - content.advanceDeduction)}</strong>
      </Row>
      <Row label={t("contractDocuments.form.invoice.invoiceDate")}>{format.date(content.invoiceDate)}</Row>
      {content.note && (
        <Row label={t("contractDocuments.form.invoice.note")}>
          <Paragraphs text={content.note} />
        </Row>
      )}
    </dl>
  );
}
