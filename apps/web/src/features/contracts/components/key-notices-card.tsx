// 認証キー通知書 · 인증키 통지서: the key notices the contractor submitted for this contract's guarantees. The orderer
// downloads each to look the guarantee up (number + key) and accept it; both sides see what was submitted when.
import type { ContractDetail } from "@pwp/shared/contracts";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useBlobDownload } from "@/lib/use-blob-download";
import { getKeyNoticePdf } from "../api/get-key-notice-pdf";
import { describeContractError } from "./describe-contract-error";

export function KeyNoticesCard({ detail }: { detail: ContractDetail }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const { pendingKey, error, download } = useBlobDownload();

  return (
    <Card title={t("contracts.keyNotices.title")}>
      <p className="muted">{detail.mySide === "ORDERER" ? t("contracts.keyNotices.introOrderer") : t("contracts.keyNotices.introContractor")}</p>
      {error !== null && <Alert>{describeContractError(error, t)}</Alert>}
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t("contracts.keyNotices.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("contracts.acceptedGuarantees.columns.kind")}</th>
              <th scope="col">{t("contracts.acceptedGuarantees.columns.number")}</th>
              <th scope="col">{t("contracts.keyNotices.submittedAt")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("contracts.keyNotices.download")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {detail.guaranteeKeyNotices.map((notice) => (
              <tr key={notice.guaranteeId}>
                <td>{t(`contracts.guaranteeKinds.${notice.kind}`)}</td>
                <td className="details__number">{notice.guaranteeNumber}</td>
                <td>
                  <time dateTime={notice.submittedAt}>{formatDateTime(new Date(notice.submittedAt), language)}</time>
                </td>
                <td>
                  <Button
                    variant="secondary"
                    isLoading={pendingKey === notice.guaranteeId}
                    aria-label={t("contracts.keyNotices.downloadNumber", { number: notice.guaranteeNumber })}
                    onClick={() => void download(notice.guaranteeId, () => getKeyNoticePdf(notice.guaranteeId), () => `${notice.guaranteeNumber}_key-notice.pdf`)}
                  >
                    {t("contracts.keyNotices.download")}
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
