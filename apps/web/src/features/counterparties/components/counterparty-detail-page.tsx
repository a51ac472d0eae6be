import { isValidContactEmail, type CounterpartyDetail, type ReissueCounterpartyInvitationResponse } from "@pwp/shared/counterparties";
import { formatRegistrationNumber } from "@pwp/shared/registration-number";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyableLink } from "@/components/ui/copyable-link";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { isApiError } from "@/lib/api-client";
import { readFieldErrors } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useDeleteCounterparty } from "../api/delete-counterparty";
import { useCounterparty } from "../api/get-counterparty";
import { useReissueInvitation } from "../api/reissue-invitation";
import { useUpdateCounterparty } from "../api/update-counterparty";
import { ContactsSection } from "./contacts-section";
import { CounterpartyStatusBadge, getCounterpartyState } from "./counterparty-status";
import { describeRequestError } from "./form-support";
import "../counterparties.css";

type CounterpartyDetailPageProps = {
  id: string;
  /** Removing a counterparty is for the representative and managers (the API enforces it too). */
  canDelete: boolean;
};

export function CounterpartyDetailPage({ id, canDelete }: CounterpartyDetailPageProps) {
  const { t } = useTranslation();
  const counterparty = useCounterparty(id);

  if (counterparty.isPending) return <Spinner label={t("counterparties.detail.loading")} size="large" />;
  if (counterparty.isError) {
    const isNotFound = isApiError(counterparty.error, "NOT_FOUND") || isApiError(counterparty.error, "VALIDATION_FAILED");
    return (
      <div className="counterparty-detail">
        <DocumentTitle page={t("counterparties.detail.notFoundTitle")} />
        <BackLink />
        <h1>{t("counterparties.detail.notFoundTitle")}</h1>
        <Alert>{isNotFound ? t("counterparties.detail.notFound") : describeRequestError(counterparty.error, t)}</Alert>
      </div>
    );
  }
  const detail = counterparty.data;

  return (
    <div className="counterparty-detail">
      <DocumentTitle page={detail.name} />
      <BackLink />
      <div className="page-heading">
        <h1 lang={detail.country === "KR" ? "ko" : "ja"}>{detail.name}</h1>
        <CounterpartyStatusBadge counterparty={detail} />
      </div>
      <div className="counterparty-detail__grid">
        <DetailsSection detail={detail} />
        {!detail.isOnPlatform && detail.invitation && <InvitationSection detail={detail} />}
      </div>
      <ContactsSection counterpartyId={detail.id} contacts={detail.contacts} />
      <DeleteSection detail={detail} canDelete={canDelete} />
    </div>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <p className="back-link">
      <Link to={paths.counterparties.getHref()}>← {t("counterparties.detail.back")}</Link>
    </p>
  );
}

function DetailsSection({ detail }: { detail: CounterpartyDetail }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [isEditing, setIsEditing] = useState(false);
  const [isSaved, setIsSaved] = useState(false);
  // Only an invitation still open can be redirected; a platform organisation's name is its own.
  const canEdit = !detail.isOnPlatform && (!detail.invitation || detail.invitation.acceptedAt === null);

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("counterparties.detail.detailsTitle")}</h2>
      {isEditing ? (
        <EditDetailsForm
          detail={detail}
          onDone={(saved) => {
            setIsEditing(false);
            setIsSaved(saved);
          }}
        />
      ) : (
        <>
          <dl className="details">
            <div className="details__row">
              <dt>{t("counterparties.detail.name")}</dt>
              <dd lang={detail.country === "KR" ? "ko" : "ja"}>{detail.name}</dd>
            </div>
            <div className="details__row">
              <dt>{t("counterparties.detail.kind")}</dt>
              <dd>{t(`organizationKinds.${detail.kind}`)}</dd>
            </div>
            <div className="details__row">
              <dt>{t("counterparties.detail.country")}</dt>
              <dd>{t(`countries.${detail.country}`)}</dd>
            </div>
            <div className="details__row">
              <dt>{t(`registrationNumberKinds.${detail.country}`)}</dt>
              <dd className="details__number">{formatRegistrationNumber(detail.country, detail.registrationNumber)}</dd>
            </div>
            <div className="details__row">
              <dt>{t("counterparties.detail.status")}</dt>
              <dd>
                <CounterpartyStatusBadge counterparty={detail} />
              </dd>
            </div>
          </dl>
          <p role="status" className="status-message">
            {isSaved ? t("counterparties.detail.saved") : ""}
          </p>
          {detail.isOnPlatform ? (
            <p className="muted">{t("counterparties.detail.onPlatformNote")}</p>
          ) : (
            canEdit && (
              <Button
                variant="secondary"
                onClick={() => {
                  setIsSaved(false);
                  setIsEditing(true);
                }}
              >
                {t("counterparties.detail.edit")}
              </Button>
            )
          )}
        </>
      )}
    </section>
  );
}

function EditDetailsForm({ detail, onDone }: { detail: CounterpartyDetail; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const update = useUpdateCounterparty();
  const hasOpenInvitation = detail.invitation !== null && detail.invitation.acceptedAt === null;
  const [name, setName] = useState(detail.name);
  const [email, setEmail] = useState(detail.invitation?.email ?? "");
  const [isSubmitted, setIsSubmitted] = useState(false);

  const serverErrors = readFieldErrors(update.error);
  const nameError = isSubmitted && name.trim() === "" ? t("errors.required") : serverErrors.name;
  const emailError =
    isSubmitted && hasOpenInvitation && !isValidContactEmail(email.trim())
      ? t("counterparties.fieldErrors.email")
      : serverErrors.invitationEmail
        ? t("counterparties.fieldErrors.email")
        : undefined;
  const formError = nameError || emailError ? t("errors.checkFields") : describeRequestError(update.error, t);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSubmitted(true);
    if (name.trim() === "" || (hasOpenInvitation && !isValidContactEmail(email.trim()))) return;
    const body = {
      ...(name.trim() !== detail.name ? { name: name.trim() } : {}),
      ...(hasOpenInvitation && email.trim() !== detail.invitation?.email ? { invitationEmail: email.trim() } : {}),
    };
    if (Object.keys(body).length === 0) return onDone(false);
    update.mutate({ id: detail.id, body }, { onSuccess: () => onDone(true) });
  }

  return (
    <form className="form" noValidate onSubmit={handleSubmit}>
      {formError && <Alert>{formError}</Alert>}
      <TextField label={t("counterparties.detail.editName")} name="name" autoComplete="off" value={name} error={nameError} onChange={(event) => setName(event.target.value)} autoFocus />
      {hasOpenInvitation && (
        <TextField
          label={t("counterparties.detail.editInvitationEmail")}
          name="invitationEmail"
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={email}
          error={emailError}
          onChange={(event) => setEmail(event.target.value)}
        />
      )}
      <div className="button-row">
        <Button type="submit" isLoading={update.isPending}>
          {t("counterparties.detail.save")}
        </Button>
        <Button variant="secondary" onClick={() => onDone(false)}>
          {t("counterparties.detail.cancel")}
        </Button>
      </div>
    </form>
  );
}

function InvitationSection({ detail }: { detail: CounterpartyDetail }) {
  const { t } = useTranslation();
  const headingId = useId();
  const reissue = useReissueInvitation();
  const [issued, setIssued] = useState<ReissueCounterpartyInvitationResponse | null>(null);
  const language = getCurrentLocale();
  const invitation = detail.invitation;
  if (!invitation) return null;
  const state = getCounterpartyState(detail);
  const reissueError = describeRequestError(reissue.error, t);

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("counterparties.detail.invitationTitle")}</h2>
      <dl className="details">
        <div className="details__row">
          <dt>{t("counterparties.detail.invitationEmail")}</dt>
          <dd>{invitation.email}</dd>
        </div>
        <div className="details__row">
          <dt>{t("counterparties.detail.invitationExpires")}</dt>
          <dd>{formatDateTime(new Date(invitation.expiresAt), language)}</dd>
        </div>
        {invitation.acceptedAt && (
          <div className="details__row">
            <dt>{t("counterparties.detail.invitationAccepted")}</dt>
            <dd>{formatDateTime(new Date(invitation.acceptedAt), language)}</dd>
          </div>
        )}
      </dl>
      {state === "registering" ? (
        <Notice>{t("counterparties.detail.registeringNote")}</Notice>
      ) : (
        <>
          <p className="muted">{t("counterparties.detail.invitationExplanation")}</p>
          {issued && (
            <div className="reissued">
              <p role="status">{t("counterparties.detail.reissued", { date: formatDateTime(new Date(issued.expiresAt), language) })}</p>
              <CopyableLink label={t("counterparties.invitationLink.label")} url={issued.invitationUrl} />
            </div>
          )}
          {reissueError && <Alert>{reissueError}</Alert>}
          <p className="field__hint">{t("counterparties.detail.reissueHint")}</p>
          <Button variant="secondary" isLoading={reissue.isPending} onClick={() => reissue.mutate(detail.id, { onSuccess: setIssued })}>
            {t("counterparties.detail.reissue")}
          </Button>
        </>
      )}
    </section>
  );
}

function DeleteSection({ detail, canDelete }: { detail: CounterpartyDetail; canDelete: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteCounterparty();
  const [isConfirming, setIsConfirming] = useState(false);

  if (!canDelete) return <p className="muted">{t("counterparties.detail.deleteRoleNote")}</p>;
  const error = describeRequestError(remove.error, t);
  return (
    <div className="danger-zone">
      {isConfirming ? (
        <div className="confirm" role="group" aria-label={t("counterparties.detail.delete")}>
          <p>{t("counterparties.detail.deleteConfirm", { name: detail.name })}</p>
          {error && <Alert>{error}</Alert>}
          <div className="button-row">
            <Button
              className="button--danger"
              isLoading={remove.isPending}
              autoFocus
              onClick={() => remove.mutate(detail.id, { onSuccess: () => navigate(paths.counterparties.getHref(), { replace: true }) })}
            >
              {t("counterparties.detail.deleteConfirmButton")}
            </Button>
            <Button variant="secondary" onClick={() => setIsConfirming(false)}>
              {t("counterparties.detail.cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" className="button--danger-outline" onClick={() => setIsConfirming(true)}>
          {t("counterparties.detail.delete")}
        </Button>
      )}
    </div>
  );
}
