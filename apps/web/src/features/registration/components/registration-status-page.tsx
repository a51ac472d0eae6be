import type { OrganizationStatus } from "@pwp/shared/enums";
import { canAddRegistrationDocuments, REASON_MAX_LENGTH, type RegistrationHistoryEntry, type RegistrationView } from "@pwp/shared/registration";
import type { TFunction } from "i18next";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { TextAreaField } from "@/components/ui/text-field";
import { isApiError } from "@/lib/api-client";
import { useAddRegistrationDocuments } from "../api/add-registration-documents";
import { downloadOwnRegistrationDocument } from "../api/download-registration-document";
import { useOwnRegistration } from "../api/get-own-registration";
import { DocumentFileInput } from "./document-file-input";
import { DocumentList } from "./document-list";
import { checkFiles } from "./format";
import { RegistrationDetails } from "./registration-details";
import { RegistrationHistory } from "./registration-history";
import { StatusBadge } from "./status-badge";
import "./registration.css";

/** The reason of the decision that put the application in its current status (hold or rejection). */
export function findCurrentReason(history: readonly RegistrationHistoryEntry[], status: OrganizationStatus): string | null {
  const decision = history.findLast((entry) => entry.decidedBy !== null);
  return decision && decision.status === status && decision.reason ? decision.reason : null;
}

type RegistrationStatusPageProps = {
  /** Refreshes the session (so it carries APPROVED) and opens the dashboard: the app layer owns the session. */
  onGoToDashboard: () => void;
  isGoingToDashboard: boolean;
};

/** The applicant's page: where the review stands, what is missing, the history, and the answer form. */
export function RegistrationStatusPage({ onGoToDashboard, isGoingToDashboard }: RegistrationStatusPageProps) {
  const { t } = useTranslation();
  const registration = useOwnRegistration();
  const headingId = useId();

  return (
    <div className="registration-status">
      <DocumentTitle page={t("registration.status.title")} />
      <div className="page-heading">
        <h1 id={headingId}>{t("registration.status.title")}</h1>
        <p className="page-heading__lead">{t("registration.status.intro")}</p>
      </div>
      {registration.isPending && <Spinner label={t("app.loading")} />}
      {registration.isError && <Alert>{isApiError(registration.error, "NETWORK_ERROR") ? t("errors.network") : t("errors.unexpected")}</Alert>}
      {registration.data && (
        <StatusContent application={registration.data} onGoToDashboard={onGoToDashboard} isGoingToDashboard={isGoingToDashboard} />
      )}
    </div>
  );
}

type StatusContentProps = RegistrationStatusPageProps & { application: RegistrationView };

function StatusContent({ application, onGoToDashboard, isGoingToDashboard }: StatusContentProps) {
  const { t } = useTranslation();
  const reason = findCurrentReason(application.history, application.status);
  return (
    <div className="registration-layout">
      <Card title={t("registration.status.current")}>
        <div className="registration-status__summary">
          <StatusBadge status={application.status} />
          <span>{t(`registration.status.explanations.${application.status}`)}</span>
        </div>
        {reason && (application.status === "ON_HOLD" || application.status === "REJECTED") && (
          <>
            <h3>{t(`registration.status.reason${application.status}`)}</h3>
            <p className="registration-status__reason">{reason}</p>
          </>
        )}
        {application.status === "APPROVED" && (
          <p>
            <Button onClick={onGoToDashboard} isLoading={isGoingToDashboard}>
              {t("registration.status.goToDashboard")}
            </Button>
          </p>
        )}
      </Card>
      {canAddRegistrationDocuments(application.status) && (
        // Keyed by status: an answer that moves the application back to PENDING starts the form afresh.
        <UploadCard key={application.status} status={application.status} />
      )}
      <Card title={t("registration.status.history")}>
        <RegistrationHistory history={application.history} showDeciderNames={false} />
      </Card>
      <Card title={t("registration.status.documents")}>
        <DocumentList documents={application.documents} download={downloadOwnRegistrationDocument} />
      </Card>
      <Card title={t("registration.status.details")} className="registration-layout__wide">
        <RegistrationDetails application={application} />
      </Card>
    </div>
  );
}

function describeUploadError(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t("errors.unexpected");
  if (error.code === "NETWORK_ERROR") return t("errors.network");
  if (error.code === "CONFLICT") return t("registration.status.upload.closed");
  const fileMessage = error.fields.find((field) => field.field === "documents")?.message;
  if (fileMessage) return t("registration.errors.filesRefused", { message: fileMessage });
  if (error.code === "VALIDATION_FAILED" || error.code === "PAYLOAD_TOO_LARGE") return error.message;
  return t("errors.unexpected");
}

function UploadCard({ status }: { status: OrganizationStatus }) {
  const { t } = useTranslation();
  const upload = useAddRegistrationDocuments();
  const [documents, setDocuments] = useState<File[]>([]);
  const [message, setMessage] = useState("");
  const [clientError, setClientError] = useState<string | null>(null);
  const [hasSent, setHasSent] = useState(false);
  const isAnswer = status === "ON_HOLD";

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    upload.reset();
    setHasSent(false);
    const error =
      documents.length === 0 && (!isAnswer || message.trim() === "")
        ? t(isAnswer ? "registration.status.upload.needFilesOrMessage" : "registration.errors.noDocuments")
        : checkFiles(documents, t);
    setClientError(error);
    if (error) return;
    upload.mutate(
      { documents, message: isAnswer ? message : "" },
      {
        onSuccess: () => {
          setDocuments([]);
          setMessage("");
          setHasSent(true);
        },
      },
    );
  }

  const error = clientError ?? (upload.error ? describeUploadError(upload.error, t) : null);
  return (
    <Card title={t(isAnswer ? "registration.status.upload.answerTitle" : "registration.status.upload.addTitle")}>
      <form className="form" noValidate onSubmit={handleSubmit}>
        <p>{t(isAnswer ? "registration.status.upload.answerText" : "registration.status.upload.addText")}</p>
        {error && <Alert>{error}</Alert>}
        {hasSent && (
          <p role="status" className="notice">
            {t("registration.status.upload.sent")}
          </p>
        )}
        {isAnswer && (
          <TextAreaField
            label={t("registration.status.upload.message")}
            name="message"
            maxLength={REASON_MAX_LENGTH}
            value={message}
            onChange={(event) => {
              setMessage(event.target.value);
              setClientError(null);
            }}
          />
        )}
        <DocumentFileInput
          label={t("registration.fields.documents")}
          hint={t("registration.form.hints.documents")}
          files={documents}
          onChange={(files) => {
            setDocuments(files);
            setClientError(null);
          }}
        />
        <Button type="submit" isLoading={upload.isPending}>
          {t("registration.status.upload.submit")}
        </Button>
      </form>
    </Card>
  );
}
