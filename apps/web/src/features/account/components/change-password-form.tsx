import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NewPasswordFields } from "@/components/ui/new-password-fields";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { describeFormError, hasFieldError } from "@/lib/form-errors";
import { checkNewPassword } from "@/lib/new-password";
import { useChangePassword } from "../api/change-password";

type ChangePasswordFormProps = {
  /**
   * The server ends every session of the user when the password changes; the app layer signs this tab in again
   * with the new password, so the person is not thrown out of the page they are on.
   */
  onPasswordChanged: (newPassword: string) => Promise<void>;
};

export function ChangePasswordForm({ onPasswordChanged }: ChangePasswordFormProps) {
  const { t } = useTranslation();
  const changePassword = useChangePassword();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [localErrors, setLocalErrors] = useState<{ current?: string; password?: string; confirmation?: string }>({});
  const [isDone, setIsDone] = useState(false);
  const [isSigningInAgain, setIsSigningInAgain] = useState(false);

  const error = changePassword.error;
  const isWrongCurrent = hasFieldError(error, "body.currentPassword");
  const isSameAsCurrent = hasFieldError(error, "body.newPassword");
  const errors = {
    current: localErrors.current ?? (isWrongCurrent ? t("account.changePassword.wrongCurrent") : undefined),
    password: localErrors.password ?? (isSameAsCurrent ? t("account.changePassword.sameAsCurrent") : undefined),
    confirmation: localErrors.confirmation,
  };
  const formError = describeFormError(error, t, { hasFieldErrors: Object.values(errors).some(Boolean) });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    changePassword.reset();
    setIsDone(false);
    const problems = { ...checkNewPassword(next, confirmation, t), ...(current === "" ? { current: t("errors.required") } : {}) };
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    changePassword.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: async () => {
          setIsSigningInAgain(true);
          try {
            await onPasswordChanged(next);
          } finally {
            setIsSigningInAgain(false);
          }
          setCurrent("");
          setNext("");
          setConfirmation("");
          setIsDone(true);
        },
      },
    );
  }

  return (
    <Card title={t("account.changePassword.title")}>
      <form className="form" noValidate onSubmit={handleSubmit}>
        {formError && <Alert>{formError}</Alert>}
        {isDone && <Notice>{t("account.changePassword.done")}</Notice>}
        <TextField
          label={t("account.changePassword.current")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={current}
          error={errors.current}
          onChange={(event) => {
            setCurrent(event.target.value);
            setLocalErrors((state) => ({ ...state, current: undefined }));
          }}
        />
        <NewPasswordFields
          passwordLabel={t("account.changePassword.new")}
          confirmationLabel={t("account.changePassword.confirm")}
          passwordHint={t("account.changePassword.newHint")}
          passwordName="newPassword"
          confirmationName="confirmPassword"
          password={next}
          confirmation={confirmation}
          passwordError={errors.password}
          confirmationError={errors.confirmation}
          onPasswordChange={(value) => {
            setNext(value);
            setLocalErrors((state) => ({ ...state, password: undefined }));
          }}
          onConfirmationChange={(value) => {
            setConfirmation(value);
            setLocalErrors((state) => ({ ...state, confirmation: undefined }));
          }}
        />
        <Button type="submit" isLoading={changePassword.isPending || isSigningInAgain}>
          {t("account.changePassword.submit")}
        </Button>
      </form>
    </Card>
  );
}
