import {
  isDecisionReasonRequired,
  REASON_MAX_LENGTH,
  type AdminRegistrationView,
  type RegistrationDecision,
} from "@pwp/shared/registration";
import type { TFunction } from "i18next";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { TextAreaField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { isApiError } from "@/lib/api-client";
import { useDecideRegistration } from "../api/decide-registration";
import { downloadAdminRegistrationDocument } from "../api/download-registration-document";
import { useAdminRegistration } from "../api/get-admin-registration";
import { DocumentList } from "./document-list";
import { RegistrationDetails } from "./registration-details";
import { RegistrationHistory } from "./registration-history";
import { StatusBadge } from "./status-badge";
import "./registration.css";

/** One application for ops: everything the applicant sent, the history with deciders' names, and the decision. */
export function AdminRegistrationDetail({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const registration = useAdminRegistration(organizationId);

  if (registration.isPending) return <Spinner label={t("app.loading")} />;
  if (registration.isError) {
    const message = isApiError(registration.error, "NOT_FOUND")
      ? t("notFound.text")
      : isApiError(registration.error, "NETWORK_ERROR")
        ? t("errors.network")
        : t("errors.unexpected");
    return (
      <>
        <h1>{t("registration.admin.title")}</h1>
        <Alert>{message}</Alert>
        <Link to={paths.adminRegistrations.getHref()}>{t("registration.admin.back")}</Link>
      </>
    );
  }
  return <DetailContent application={registration.data} />;
}

function DetailContent({ application }: { application: AdminRegistrationView }) {
  const { t } = useTranslation();
  const localLanguage = application.country === "KR" ? "ko" : "ja";
  return (
    <div className="registration-detail">
      <DocumentTitle page={application.nameLocal} />
      <p>
        <Link to={paths.adminRegistrations.getHref()}>← {t("registration.admin.back")}</Link>
      </p>
      <div className="page-heading">
        <h1 lang={localLanguage}>{application.nameLocal}</h1>
        <div className="registration-status__summary">
          <StatusBadge status={application.status} />
          <span lang="en">{application.nameLatin}</span>
        </div>
      </div>
      <div className="registration-layout">
        <Card title={t("registration.admin.decision.title")}>
          {application.status === "PENDING" ? (
            // Keyed by the history's length: after any decision or answer the form starts empty.
            <DecisionForm key={application.history.length} organizationId={application.organizationId} />
          ) : (
            <Notice>{t("registration.admin.decision.notPending")}</Notice>
          )}
        </Card>
        <Card title={t("registration.status.documents")}>
          <DocumentList
            documents={application.documents}
            download={(documentId) => downloadAdminRegistrationDocument(application.organizationId, documentId)}
          />
        </Card>
        <Card title={t("registration.status.history")}>
          <RegistrationHistory history={application.history} showDeciderNames />
        </Card>
        <Card title={t("registration.status.details")} className="registration-layout__wide">
          <RegistrationDetails
            application={application}
            extraRows={[
              {
                label: t("registration.admin.applicant"),
                value: `${application.applicant.name} · ${application.applicant.loginId} · ${application.applicant.email}`,
              },
            ]}
          />
        </Card>
      </div>
    </div>
  );
}

function describeDecisionError(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t("errors.unexpected");
  if (error.code === "NETWORK_ERROR") return t("errors.network");
  if (error.code === "CONFLICT") return t("registration.admin.decision.conflict");
  if (error.code === "VALIDATION_FAILED") return error.message;
  return t("errors.unexpected");
}

function DecisionForm({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const decide = useDecideRegistration(organizationId);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState("");
  const [isReasonMissing, setIsReasonMissing] = useState(false);
  const [chosen, setChosen] = useState<RegistrationDecision | null>(null);

  function submit(decision: RegistrationDecision) {
    decide.reset();
    setChosen(decision);
    if (isDecisionReasonRequired(decision) && reason.trim() === "") {
      setIsReasonMissing(true);
      reasonRef.current?.focus();
      return;
    }
    decide.mutate({ decision, reason: reason.trim() });
  }

  // Enter in a form with three actions must not pick one for the user.
  const preventImplicitSubmit = (event: FormEvent<HTMLFormElement>) => event.preventDefault();
  const serverReasonError = isApiError(decide.error, "VALIDATION_FAILED")
    ? decide.error.fields.find((field) => field.field === "body.reason")?.message
    : undefined;

  return (
    <form className="form" noValidate onSubmit={preventImplicitSubmit}>
      <p>{t("registration.admin.decision.text")}</p>
      {decide.error && <Alert>{describeDecisionError(decide.error, t)}</Alert>}
      <TextAreaField
        ref={reasonRef}
        label={t("registration.admin.decision.reason")}
        hint={t("registration.admin.decision.reasonHint")}
        name="reason"
        maxLength={REASON_MAX_LENGTH}
        value={reason}
        error={isReasonMissing ? t("registration.admin.decision.reasonRequired") : serverReasonError}
        onChange={(event) => {
          setReason(event.target.value);
          setIsReasonMissing(false);
        }}
      />
      <div className="decision-actions">
        <Button onClick={() => submit("APPROVED")} isLoading={decide.isPending && chosen === "APPROVED"} disabled={decide.isPending}>
          {t("registration.admin.decision.approve")}
        </Button>
        <Button variant="secondary" onClick={() => submit("ON_HOLD")} isLoading={decide.isPending && chosen === "ON_HOLD"} disabled={decide.isPending}>
          {t("registration.admin.decision.hold")}
        </Button>
        <Button className="button--danger" onClick={() => submit("REJECTED")} isLoading={decide.isPending && chosen === "REJECTED"} disabled={decide.isPending}>
          {t("registration.admin.decision.reject")}
        </Button>
      </div>
    </form>
  );
}
