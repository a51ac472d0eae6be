import type { CurrentUser } from "@pwp/shared/auth";
import type { CertificateRequest } from "@pwp/shared/certificates";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { useCancelCertificateRequest } from "../api/cancel-certificate-request";
import { useKeysInBrowser } from "../api/get-keys-in-browser";
import { useMyCertificates } from "../api/get-my-certificates";
import { describeCertificateError } from "../describe-error";
import { CertificateItem } from "./certificate-item";
import { ImportPkcs12Form } from "./import-pkcs12-form";
import { RequestCertificateForm } from "./request-certificate-form";
import { RequestDetailRows } from "./request-detail-rows";
import "./certificates.css";

type CertificatesPageProps = {
  user: CurrentUser;
  /** The organisation requires certificate sign-in and this session was opened with the password alone. */
  isPasswordOnlySession: boolean;
};

/** The user's certificates: what the key in the browser means, the requests, the certificates and what to do with them. */
export function CertificatesPage({ user, isPasswordOnlySession }: CertificatesPageProps) {
  const { t } = useTranslation();
  const mine = useMyCertificates();
  const keysHere = useKeysInBrowser(user.id, mine.data?.certificates);
  const [openForm, setOpenForm] = useState<"request" | "import" | null>(null);
  const canApprove = user.role === "REPRESENTATIVE" || user.organization.kind === "OPERATOR";
  const pendingRequest = mine.data?.requests.find((request) => request.status === "PENDING");

  return (
    <div className="certificates-page">
      <DocumentTitle page={t("certificates.title")} />
      <div className="page-heading">
        <h1>{t("certificates.title")}</h1>
        <p className="page-heading__lead">{t("certificates.intro")}</p>
      </div>

      {isPasswordOnlySession && (
        <Notice>
          <p>{t("certificates.passwordOnlyNotice")}</p>
        </Notice>
      )}

      <section className="certificates-page__about" aria-labelledby="certificates-about">
        <h2 id="certificates-about">{t("certificates.about.title")}</h2>
        <ul>
          <li>{t("certificates.about.keyHere")}</li>
          <li>{t("certificates.about.clearing")}</li>
          <li>{t("certificates.about.otherBrowser")}</li>
        </ul>
      </section>

      {canApprove && (
        <p>
          <Link className="arrow-link" to={paths.certificateApprovals.getHref()}>
            {t("certificates.approvals.link")}
          </Link>
        </p>
      )}

      <Card title={t("certificates.actions.title")}>
        {openForm === null && (
          <div className="certificates-page__actions">
            {pendingRequest ? (
              <p>{t("certificates.actions.pendingExists")}</p>
            ) : (
              <Button onClick={() => setOpenForm("request")}>{t("certificates.request.open")}</Button>
            )}
            <Button variant="secondary" onClick={() => setOpenForm("import")}>
              {t("certificates.import.open")}
            </Button>
          </div>
        )}
        {openForm === "request" && <RequestCertificateForm user={user} onClose={() => setOpenForm(null)} />}
        {openForm === "import" && (
          <ImportPkcs12Form userId={user.id} registered={mine.data?.certificates ?? []} onClose={() => setOpenForm(null)} />
        )}
      </Card>

      {mine.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : mine.isError ? (
        <Alert>{describeCertificateError(mine.error, "request", t)}</Alert>
      ) : (
        <>
          <RequestList userId={user.id} requests={mine.data.requests.filter((request) => request.status !== "APPROVED")} />
          <Card title={t("certificates.list.title")}>
            {keysHere.isError && <Alert tone="warning">{t("certificates.errors.keyStoreUnavailable")}</Alert>}
            {mine.data.certificates.length === 0 ? (
              <p className="empty-state">{t("certificates.list.empty")}</p>
            ) : (
              <ul className="certificate-list">
                {mine.data.certificates.map((certificate) => (
                  <CertificateItem
                    key={certificate.id}
                    user={user}
                    certificate={certificate}
                    isKeyHere={keysHere.data === undefined ? null : keysHere.data.has(certificate.id)}
                  />
                ))}
              </ul>
            )}
          </Card>
        </>
      )}
    </div>
  );
}

/** Requests still waiting, and those that were rejected or cancelled (with the reason), newest first. */
function RequestList({ userId, requests }: { userId: string; requests: CertificateRequest[] }) {
  const { t } = useTranslation();
  const cancel = useCancelCertificateRequest(userId);
  if (requests.length === 0) return null;

  return (
    <Card title={t("certificates.requests.title")}>
      {cancel.error && <Alert>{describeCertificateError(cancel.error, "cancel", t)}</Alert>}
      <ul className="certificate-list">
        {requests.map((request) => (
          <li key={request.id} className="certificate-item">
            <p className="certificate-item__heading">
              <span className="certificate-item__title">{t(`certificates.requestKinds.${request.kind}`)}</span>
              <span className={`status-badge status-badge--${request.status}`}>{t(`certificates.requestStatuses.${request.status}`)}</span>
            </p>
            <dl className="details">
              <RequestDetailRows request={request} />
              {request.reason && (
                <div className="details__row">
                  <dt>{t("certificates.fields.decisionReason")}</dt>
                  <dd>{request.reason}</dd>
                </div>
              )}
            </dl>
            {request.status === "PENDING" && (
              <>
                <p className="muted">{t("certificates.requests.waiting")}</p>
                <Button variant="secondary" isLoading={cancel.isPending && cancel.variables === request.id} onClick={() => cancel.mutate(request.id)}>
                  {t("certificates.requests.cancel")}
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
