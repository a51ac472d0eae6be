import type { ContractDocumentSummary, ContractStanding, GuaranteeNeedingChange } from "@pwp/shared/contract-documents";
import type { ContractSide } from "@pwp/shared/contracts";
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { formatAmountWithCurrency } from "@/lib/amount-format";
import { formatCalendarDate } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useContractDocuments } from "../api/get-contract-documents";
import { describeDocumentError } from "./describe-document-error";
import { documentLabel } from "./document-label";
import { DocumentStatusBadge } from "./document-status-badge";
import "../contract-documents.css";

type ContractDocumentsSectionProps = {
  contractId: string;
  /** The caller's side of the contract: "your turn" is read against it. */
  mySide: ContractSide;
  /** Linked guarantees a change contract outgrew: the guarantees feature shows them (composed by the route). */
  renderGuaranteesNeedingChange?: (items: GuaranteeNeedingChange[]) => ReactNode;
};

/**
 * 계약 이후 · 契約締結後: what follows a completed contract — where it stands now (terms after changes, inspected,
 * invoiced, received), its documents, and the ones the user's side may start.
 */
export function ContractDocumentsSection({ contractId, mySide, renderGuaranteesNeedingChange }: ContractDocumentsSectionProps) {
  const { t } = useTranslation();
  const list = useContractDocuments(contractId);
  const documentsHeadingId = useId();
  const startHeadingId = useId();

  return (
    <Card title={t("contractDocuments.section.title")} className="contract-documents-section">
      {list.isPending && <Spinner label={t("app.loading")} />}
      {list.error && <Alert>{describeDocumentError(list.error, t)}</Alert>}
      {list.data && (
        <>
          <StandingDetails standing={list.data.standing} />
          {renderGuaranteesNeedingChange?.(list.data.guaranteesNeedingChange)}

          <h3 id={documentsHeadingId} className="contract-documents__subheading">
            {t("contractDocuments.section.documentsTitle")}
          </h3>
          {list.data.documents.length === 0 ? (
            <p className="muted">{t("contractDocuments.section.empty")}</p>
          ) : (
            <DocumentsTable contractId={contractId} documents={list.data.documents} mySide={mySide} labelledBy={documentsHeadingId} />
          )}

          {list.data.canCreate.length > 0 && (
            <section aria-labelledby={startHeadingId}>
              <h3 id={startHeadingId} className="contract-documents__subheading">
                {t("contractDocuments.section.startTitle")}
              </h3>
              <div className="contract-documents__start">
                {list.data.canCreate.map((kind) => (
                  <Link key={kind} className="button button--secondary" to={paths.contractDocumentNew.getHref(contractId, kind)}>
                    {t(`contractDocuments.section.start.${kind}`)}
                  </Link>
                ))}
              </div>
            </section>
          )}
        </>
      )}
    </Card>
  );
}

function StandingDetails({ standing }: { standing: ContractStanding }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const money = (amount: number) => formatAmountWithCurrency(amount, standing.currency, language);
  const { current } = standing;
  const rows: [string, string][] = [
    [
      t("contractDocuments.standing.currentAmount"),
      current.changeNumber === null ? money(current.amount) : t("contractDocuments.standing.changedValue", { value: money(current.amount), number: current.changeNumber }),
    ],
    [
      t("contractDocuments.standing.period"),
      t("contractDocuments.standing.periodValue", { start: formatCalendarDate(current.worksStartDate, language), end: formatCalendarDate(current.worksEndDate, language) }),
    ],
    [t("contractDocuments.standing.inspected"), money(standing.inspected)],
    [t("contractDocuments.standing.invoiced"), money(standing.invoiced)],
    [t("contractDocuments.standing.received"), money(standing.received)],
    [t("contractDocuments.standing.invoiceable"), money(standing.invoiceable)],
  ];
  return (
    <dl className="details contract-documents__standing">
      {rows.map(([label, value]) => (
        <div key={label} className="details__row">
          <dt>{label}</dt>
          <dd className="details__number">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type DocumentsTableProps = { contractId: string; documents: ContractDocumentSummary[]; mySide: ContractSide; labelledBy: string };

function DocumentsTable({ contractId, documents, mySide, labelledBy }: DocumentsTableProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  return (
    <div className="table-scroll">
      <table className="data-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">{t("contractDocuments.section.columns.document")}</th>
            <th scope="col">{t("contractDocuments.section.columns.status")}</th>
            <th scope="col" className="contract-documents__amount">
              {t("contractDocuments.section.columns.amount")}
            </th>
            <th scope="col">{t("contractDocuments.section.columns.turn")}</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((document) => (
            <tr key={document.id}>
              <th scope="row">
                <Link to={paths.contractDocument.getHref(contractId, document.id)}>{documentLabel(t, document.kind, document.number)}</Link>
              </th>
              <td>
                <DocumentStatusBadge status={document.status} />
              </td>
              <td className="contract-documents__amount details__number">
                {document.amount === null ? "—" : formatAmountWithCurrency(document.amount, document.currency, language)}
              </td>
              <td>
                {document.awaitingSide === null ? (
                  "—"
                ) : document.awaitingSide === mySide ? (
                  <span className="badge contract-documents__turn">{t("contractDocuments.section.yourTurn")}</span>
                ) : (
                  t(`contractDocuments.sides.${document.awaitingSide}`)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
