import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { isApiError } from "@/lib/api-client";
import { useConfirmPasswordReset } from "../api/confirm-password-reset";
import { checkNewPassword } from "./password-fields";

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
  const isInvalidLink = token === null || (isApiError(error) && error.fields.some((field) => field.field === "body.token"));

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

  const serverPasswordError = isApiError(error) ? error.fields.find((field) => field.field === "body.newPassword")?.message : undefined;
  const errors = { password: localErrors.password ?? serverPasswordError, confirmation: localErrors.confirmation };
  const formError = Object.values(errors).some(Boolean)
    ? t("errors.checkFields")
    : !error
      ? null
      : isApiError(error, "RATE_LIMITED")
        ? t("account.errors.rateLimited")
        : isApiError(error, "NETWORK_ERROR")
          ? t("errors.network")
          : t("errors.unexpected");

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
      <TextField
        label={t("account.reset.new")}
        hint={t("account.changePassword.newHint")}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        value={password}
        error={errors.password}
        onChange={(event) => {
          setPassword(event.target.value);
          setLocalErrors((state) => ({ ...state, password: undefined }));
        }}
      />
      <TextField
        label={t("account.reset.confirm")}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        value={confirmation}
        error={errors.confirmation}
        onChange={(event) => {
          setConfirmation(event.target.value);
          setLocalErrors((state) => ({ ...state, confirmation: undefined }));
        }}
      />
      <Button type="submit" isFullWidth isLoading={confirmReset.isPending}>
        {t("account.reset.submit")}
      </Button>
    </form>
  );
}
