import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { NewPasswordFields } from "@/components/ui/new-password-fields";
import { Notice } from "@/components/ui/notice";
import { describeFormError, hasFieldError, readFieldErrors } from "@/lib/form-errors";
import { checkNewPassword } from "@/lib/new-password";
import { useConfirmPasswordReset } from "../api/confirm-password-reset";

type ResetPasswordFormProps = {
  /** From the link's ?token=; null when the link carries none. */
  token: string | null;
  signInHref: string;
  forgotPasswordHref: string;
};

export function ResetPasswordForm({ token, signInHref, forgotPasswordHref }: ResetPasswordFormProps) {
  const { t } = useTranslation();
  const confirmReset = useConfirmPasswordReset();
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [localErrors, setLocalErrors] = useState<{ password?: string; confirmation?: string }>({});

  const error = confirmReset.error;
  const isInvalidLink = token === null || hasFieldError(error, "body.token");

  if (confirmReset.isSuccess) {
    return (
      <div className="form">
        <Notice>{t("account.reset.done")}</Notice>
        <Link className="arrow-link" to={signInHref}>
          {t("account.reset.signInLink")}
        </Link>
      </div>
    );
  }
  if (isInvalidLink) {
    return (
      <div className="form">
        <Alert>{t("account.reset.invalid")}</Alert>
        <Link className="arrow-link" to={forgotPasswordHref}>
          {t("account.reset.requestAgain")}
        </Link>
      </div>
    );
  }

  const errors = { password: localErrors.password ?? readFieldErrors(error).newPassword, confirmation: localErrors.confirmation };
  const formError = describeFormError(error, t, {
    hasFieldErrors: Object.values(errors).some(Boolean),
    byCode: { RATE_LIMITED: t("account.errors.rateLimited") },
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (token === null) return;
    confirmReset.reset();
    const problems = checkNewPassword(password, confirmation, t);
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    confirmReset.mutate({ token, newPassword: password });
  }

  return (
    <form className="form" noValidate onSubmit={handleSubmit}>
      {formError && <Alert>{formError}</Alert>}
      <NewPasswordFields
        passwordLabel={t("account.reset.new")}
        confirmationLabel={t("account.reset.confirm")}
        passwordHint={t("account.changePassword.newHint")}
        passwordName="newPassword"
        confirmationName="confirmPassword"
        password={password}
        confirmation={confirmation}
        passwordError={errors.password}
        confirmationError={errors.confirmation}
        onPasswordChange={(value) => {
          setPassword(value);
          setLocalErrors((state) => ({ ...state, password: undefined }));
        }}
        onConfirmationChange={(value) => {
          setConfirmation(value);
          setLocalErrors((state) => ({ ...state, confirmation: undefined }));
        }}
      />
      <Button type="submit" isFullWidth isLoading={confirmReset.isPending}>
        {t("account.reset.submit")}
      </Button>
    </form>
  );
}
