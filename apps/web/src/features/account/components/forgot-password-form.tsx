import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { isApiError } from "@/lib/api-client";
import { describeFormError, readFieldErrors } from "@/lib/form-errors";
import { useRequestPasswordReset } from "../api/request-password-reset";

/** Always ends with the same confirmation, whether or not the address has an account (as the API does). */
export function ForgotPasswordForm() {
  const { t } = useTranslation();
  const requestReset = useRequestPasswordReset();
  const [email, setEmail] = useState("");
  const [emailError, setEmailError] = useState<string | null>(null);

  const error = requestReset.error;
  const serverEmailError = isApiError(error, "VALIDATION_FAILED") ? readFieldErrors(error).email : undefined;
  const formError = describeFormError(error, t, {
    hasFieldErrors: serverEmailError !== undefined,
    byCode: { RATE_LIMITED: t("account.errors.rateLimited") },
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    requestReset.reset();
    if (email.trim() === "") {
      setEmailError(t("errors.required"));
      return;
    }
    requestReset.mutate({ email: email.trim() });
  }

  if (requestReset.isSuccess) return <Notice>{t("account.forgot.sent")}</Notice>;

  return (
    <form className="form" noValidate onSubmit={handleSubmit}>
      {formError && <Alert>{formError}</Alert>}
      <TextField
        label={t("account.forgot.email")}
        name="email"
        type="email"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={email}
        error={emailError ?? serverEmailError}
        onChange={(event) => {
          setEmail(event.target.value);
          setEmailError(null);
        }}
      />
      <Button type="submit" isFullWidth isLoading={requestReset.isPending}>
        {t("account.forgot.submit")}
      </Button>
    </form>
  );
}
