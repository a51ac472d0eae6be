// Guarantees the contractor recorded as issued outside the platform (another issuer, paper) and linked to this
// contract. They open the signing gate like a platform guarantee, but nobody on the platform verified them: the
// orderer, who signs last, checks each file here before signing.
import type { ContractDetail } from "@pwp/shared/contracts";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatAmountWithCurrency } from "@/lib/amount-format";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useBlobDownload } from "@/lib/use-blob-download";
import { getOfflineGuaranteeFile } from "../api/get-offline-guarantee-file";
import { describeContractError } from "./describe-contract-error";

/** Uploads are PDF, PNG or JPEG (the API recognises them by their first bytes and says which). */
const EXTENSION_BY_TYPE: Record<string, string> = { "application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg" };

export function OfflineGuaranteesCard({ detail }: { detail: ContractDetail }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const { pendingKey, error, download } = useBlobDownload();

  function downloadFile(record: ContractDetail["offlineGuarantees"][number]) {
    return download(
      record.guaranteeId,
      () => getOfflineGuaranteeFile(record.guaranteeId),
      (file) => `${record.guaranteeNumber || "guarantee"}-offline${EXTENSION_BY_TYPE[file.type] ?? ""}`,
    );
  }

  return (
    <Card title={t("contracts.offlineGuarantees.title")}>
      <p className="muted">{t("contracts.offlineGuarantees.intro")}</p>
      {error !== null && <Alert>{describeContractError(error, t)}</Alert>}
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t("contracts.offlineGuarantees.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("contracts.acceptedGuarantees.columns.kind")}</th>
              <th scope="col">{t("contracts.offlineGuarantees.issuer")}</th>
              <th scope="col">{t("contracts.acceptedGuarantees.columns.number")}</th>
              <th scope="col">{t("contracts.offlineGuarantees.amount")}</th>
              <th scope="col">{t("contracts.offlineGuarantees.recordedAt")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("contracts.offlineGuarantees.download")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {detail.offlineGuarantees.map((record) => (
              <tr key={record.guaranteeId}>
                <td>
                  {t(`contracts.guaranteeKinds.${record.kind}`)} <span className="badge">{t("contracts.offlineGuarantees.notVerified")}</span>
                </td>
                <td>{record.issuerName}</td>
                <td className="details__number">{record.guaranteeNumber}</td>
                <td className="data-table__number details__number">{formatAmountWithCurrency(record.guaranteeAmount, detail.currency, language)}</td>
                <td>
                  <time dateTime={record.recordedAt}>{formatDateTime(new Date(record.recordedAt), language)}</time>
                </td>
                <td>
                  <Button
                    variant="secondary"
                    isLoading={pendingKey === record.guaranteeId}
                    aria-label={t("contracts.offlineGuarantees.downloadNumber", { number: record.guaranteeNumber })}
                    onClick={() => void downloadFile(record)}
                  >
                    {t("contracts.offlineGuarantees.download")}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
