import type { AcceptedInvitation } from "@pwp/shared/users";
import { formatRegistrationNumber } from "@pwp/shared/registration-number";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { NewPasswordFields } from "@/components/ui/new-password-fields";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import { isApiError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format";
import { describeFormError, hasFieldError, readFieldErrors } from "@/lib/form-errors";
import { getCurrentLocale } from "@/lib/i18n";
import { checkNewPassword } from "@/lib/new-password";
import { useAcceptInvitation } from "../api/accept-invitation";
import { useInvitationPreview } from "../api/get-invitation-preview";

type FieldName = "name" | "loginId" | "password" | "confirmPassword";

type AcceptInvitationPageProps = {
  token: string;
  signInHref: string;
};

/** The public page an invitation link opens: who invites, then the account form, then how to sign in. */
export function AcceptInvitationPage({ token, signInHref }: AcceptInvitationPageProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const preview = useInvitationPreview(token);
  const [accepted, setAccepted] = useState<AcceptedInvitation | null>(null);
  const language = getCurrentLocale();

  let content;
  if (accepted) {
    content = <AcceptedNotice accepted={accepted} signInHref={signInHref} />;
  } else if (preview.isPending) {
    content = <Spinner label={t("app.loading")} />;
  } else if (preview.isError) {
    content = <Alert>{isApiError(preview.error, "NETWORK_ERROR") ? t("errors.network") : t("users.accept.invalid")}</Alert>;
  } else {
    const { organization } = preview.data;
    content = (
      <>
        <p className="lead">{t("users.accept.intro")}</p>
        <dl className="details">
          <div className="details__row">
            <dt>{t("users.accept.organization")}</dt>
            <dd>
              <span lang={organization.country === "KR" ? "ko" : "ja"}>{organization.nameLocal}</span>
              {organization.nameLatin && organization.nameLatin !== organization.nameLocal && ` (${organization.nameLatin})`}
              {" · "}
              {t(`organizationKinds.${organization.kind}`)}
            </dd>
          </div>
          <div className="details__row">
            <dt>{t("users.accept.email")}</dt>
            <dd>{preview.data.email}</dd>
          </div>
          <div className="details__row">
            <dt>{t("users.accept.role")}</dt>
            <dd>{t(`roles.${preview.data.role}`)}</dd>
          </div>
          <div className="details__row">
            <dt>{t("users.accept.expires")}</dt>
            <dd>{formatDateTime(new Date(preview.data.expiresAt), language)}</dd>
          </div>
        </dl>
        <AcceptForm token={token} onAccepted={setAccepted} />
      </>
    );
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <DocumentTitle page={t("users.accept.title")} />
      <h1 id={headingId}>{t("users.accept.title")}</h1>
      {content}
    </section>
  );
}

function AcceptForm({ token, onAccepted }: { token: string; onAccepted: (accepted: AcceptedInvitation) => void }) {
  const { t } = useTranslation();
  const acceptInvitation = useAcceptInvitation();
  const [values, setValues] = useState<Record<FieldName, string>>({ name: "", loginId: "", password: "", confirmPassword: "" });
  const [localErrors, setLocalErrors] = useState<Partial<Record<FieldName, string>>>({});

  const error = acceptInvitation.error;
  const serverErrors = readFieldErrors(error);
  const fieldErrors: Partial<Record<FieldName, string>> = {
    name: serverErrors.name,
    loginId: hasFieldError(error, "body.loginId") && isApiError(error, "CONFLICT") ? t("users.accept.loginIdTaken") : serverErrors.loginId,
    password: serverErrors.password,
    ...localErrors,
  };
  const formError = describeFormError(error, t, {
    hasFieldErrors: Object.values(fieldErrors).some(Boolean),
    byCode: { NOT_FOUND: t("users.accept.invalid"), CONFLICT: t("users.accept.emailTaken"), RATE_LIMITED: t("account.errors.rateLimited") },
  });

  function update(field: FieldName, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setLocalErrors((current) => ({ ...current, [field]: undefined }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    acceptInvitation.reset();
    const errors: Partial<Record<FieldName, string>> = {};
    if (values.name.trim() === "") errors.name = t("errors.required");
    if (values.loginId.trim() === "") errors.loginId = t("errors.required");
    const passwordErrors = checkNewPassword(values.password, values.confirmPassword, t);
    if (passwordErrors.password) errors.password = passwordErrors.password;
    if (passwordErrors.confirmation) errors.confirmPassword = passwordErrors.confirmation;
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;
    acceptInvitation.mutate(
      { token, body: { name: values.name.trim(), loginId: values.loginId.trim(), password: values.password } },
      { onSuccess: onAccepted },
    );
  }

  return (
    <form className="form" noValidate onSubmit={handleSubmit}>
      {formError && <Alert>{formError}</Alert>}
      <TextField
        label={t("users.accept.fields.name")}
        name="name"
        autoComplete="name"
        value={values.name}
        error={fieldErrors.name}
        onChange={(event) => update("name", event.target.value)}
      />
      <TextField
        label={t("users.accept.fields.loginId")}
        hint={t("users.accept.fields.loginIdHint")}
        name="loginId"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={values.loginId}
        error={fieldErrors.loginId}
        onChange={(event) => update("loginId", event.target.value)}
      />
      <NewPasswordFields
        passwordLabel={t("users.accept.fields.password")}
        confirmationLabel={t("users.accept.fields.confirmPassword")}
        passwordHint={t("users.accept.fields.passwordHint")}
        passwordName="password"
        confirmationName="confirmPassword"
        password={values.password}
        confirmation={values.confirmPassword}
        passwordError={fieldErrors.password}
        confirmationError={fieldErrors.confirmPassword}
        onPasswordChange={(value) => update("password", value)}
        onConfirmationChange={(value) => update("confirmPassword", value)}
      />
      <Button type="submit" isFullWidth isLoading={acceptInvitation.isPending}>
        {t("users.accept.submit")}
      </Button>
    </form>
  );
}

function AcceptedNotice({ accepted, signInHref }: { accepted: AcceptedInvitation; signInHref: string }) {
  const { t } = useTranslation();
  return (
    <div className="accepted-invitation" role="status">
      <h2>{t("users.accept.createdTitle")}</h2>
      <p>{t("users.accept.createdText")}</p>
      <dl className="details">
        <div className="details__row">
          <dt>{t("users.accept.email")}</dt>
          <dd>{accepted.user.email}</dd>
        </div>
        <div className="details__row">
          <dt>{t("users.accept.registrationNumber")}</dt>
          <dd className="details__number">{formatRegistrationNumber(accepted.organization.country, accepted.organization.registrationNumber)}</dd>
        </div>
        <div className="details__row">
          <dt>{t("users.accept.fields.loginId")}</dt>
          <dd className="details__number">{accepted.user.loginId}</dd>
        </div>
      </dl>
      <Link className="arrow-link" to={signInHref}>
        {t("users.accept.signInLink")}
      </Link>
    </div>
  );
}
