import type { UserRole } from "@pwp/shared/enums";
import type { CertificateRequest } from "@pwp/shared/certificates";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { TextAreaField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { useApproveCertificateRequest } from "../api/approve-certificate-request";
import { usePendingApprovals } from "../api/get-pending-approvals";
import { useRejectCertificateRequest } from "../api/reject-certificate-request";
import { describeCertificateError } from "../describe-error";
import { RequestDetailRows } from "./request-detail-rows";
import "./certificates.css";

/** Requests awaiting the caller: members' for their representative, representatives' for ops. */
export function CertificateApprovalsPage({ isOperator }: { isOperator: boolean }) {
  const { t } = useTranslation();
  const pending = usePendingApprovals();

  return (
    <div className="certificates-page">
      <DocumentTitle page={t("certificates.approvals.title")} />
      <p>
        <Link to={paths.certificates.getHref()}>← {t("certificates.approvals.back")}</Link>
      </p>
      <div className="page-heading">
        <h1>{t("certificates.approvals.title")}</h1>
        <p className="page-heading__lead">{t(isOperator ? "certificates.approvals.introOperator" : "certificates.approvals.introRepresentative")}</p>
      </div>
      <Card title={t("certificates.approvals.listTitle")}>
        {pending.isPending ? (
          <Spinner label={t("app.loading")} />
        ) : pending.isError ? (
          <Alert>{describeCertificateError(pending.error, "approve", t)}</Alert>
        ) : pending.data.requests.length === 0 ? (
          <p className="empty-state">{t("certificates.approvals.empty")}</p>
        ) : (
          <ul className="certificate-list">
            {pending.data.requests.map((request) => (
              <ApprovalItem key={request.id} request={request} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function ApprovalItem({ request }: { request: CertificateRequest }) {
  const { t } = useTranslation();
  const approve = useApproveCertificateRequest();
  const reject = useRejectCertificateRequest();
  const [isRejecting, setIsRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [isReasonMissing, setIsReasonMissing] = useState(false);
  const error = approve.error ?? reject.error;

  function submitRejection(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim() === "") {
      setIsReasonMissing(true);
      return;
    }
    reject.mutate({ requestId: request.id, reason: reason.trim() });
  }

  return (
    <li className="certificate-item">
      <p className="certificate-item__heading">
        <span className="certificate-item__title">{request.requester.name}</span>
        <span className="badge">{t(`roles.${request.requester.role as UserRole}`)}</span>
      </p>
      <dl className="details">
        <div className="details__row">
          <dt>{t("certificates.fields.organization")}</dt>
          <dd>
            {request.organization.nameLocal} <span className="muted">({request.organization.registrationNumber})</span>
          </dd>
        </div>
        <RequestDetailRows request={request} />
      </dl>
      {error && <Alert>{describeCertificateError(error, approve.error ? "approve" : "reject", t)}</Alert>}
      {isRejecting ? (
        <form className="form inline-confirm certificate-item__form" onSubmit={submitRejection} noValidate>
          <TextAreaField
            label={t("certificates.approvals.reason")}
            hint={t("certificates.approvals.reasonHint")}
            name="reason"
            maxLength={1000}
            value={reason}
            error={isReasonMissing ? t("certificates.approvals.reasonRequired") : null}
            onChange={(event) => {
              setReason(event.target.value);
              setIsReasonMissing(false);
            }}
          />
          <div className="inline-confirm__actions">
            <Button type="submit" className="button--danger" isLoading={reject.isPending}>
              {t("certificates.approvals.confirmReject")}
            </Button>
            <Button variant="secondary" onClick={() => setIsRejecting(false)} disabled={reject.isPending}>
              {t("certificates.cancel")}
            </Button>
          </div>
        </form>
      ) : (
        <div className="certificate-item__actions">
          <Button isLoading={approve.isPending} disabled={reject.isPending} onClick={() => approve.mutate(request.id)}>
            {t("certificates.approvals.approve")}
          </Button>
          <Button variant="secondary" disabled={approve.isPending} onClick={() => setIsRejecting(true)}>
            {t("certificates.approvals.reject")}
          </Button>
        </div>
      )}
    </li>
  );
}
