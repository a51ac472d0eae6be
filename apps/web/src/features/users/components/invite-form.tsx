import { INVITABLE_ROLES, type CreatedInvitation, type InvitableRole } from "@pwp/shared/users";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyableLink } from "@/components/ui/copyable-link";
import { Notice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import { isApiError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format";
import { describeFormError, hasFieldError, readFieldErrors } from "@/lib/form-errors";
import { getCurrentLocale } from "@/lib/i18n";
import { useCreateInvitation } from "../api/create-invitation";

/** The representative's invitation form; the single-use link is shown once, after sending. */
export function InviteForm() {
  const { t } = useTranslation();
  const createInvitation = useCreateInvitation();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<InvitableRole>("STAFF");
  const [isEmailMissing, setIsEmailMissing] = useState(false);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  const error = createInvitation.error;
  const serverErrors = readFieldErrors(error);
  const emailError = isEmailMissing
    ? t("errors.required")
    : hasFieldError(error, "body.email") && isApiError(error, "CONFLICT")
      ? t("users.errors.emailTaken")
      : (serverErrors.email ?? null);
  // The e-mail field's own message is enough here: the form has no other field to point to.
  const formError = emailError ? null : describeFormError(error, t, { byCode: { FORBIDDEN: t("users.errors.forbidden") } });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    createInvitation.reset();
    if (email.trim() === "") {
      setIsEmailMissing(true);
      return;
    }
    createInvitation.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (result) => {
          setCreated(result);
          setEmail("");
        },
      },
    );
  }

  return (
    <Card title={t("users.invite.title")} className="users-invite">
      <form className="form" noValidate onSubmit={handleSubmit}>
        {formError && <Alert>{formError}</Alert>}
        <TextField
          label={t("users.invite.email")}
          name="email"
          type="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={email}
          error={emailError}
          onChange={(event) => {
            setEmail(event.target.value);
            setIsEmailMissing(false);
          }}
        />
        <Select
          label={t("users.invite.role")}
          name="role"
          value={role}
          options={INVITABLE_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          onChange={(event) => setRole(event.target.value === "MANAGER" ? "MANAGER" : "STAFF")}
        />
        <Button type="submit" isLoading={createInvitation.isPending}>
          {t("users.invite.submit")}
        </Button>
      </form>
      {created && (
        <div className="users-invite__result">
          <Notice>
            {t("users.invite.sent", {
              email: created.invitation.email,
              time: formatDateTime(new Date(created.invitation.expiresAt), getCurrentLocale()),
            })}
          </Notice>
          <CopyableLink label={t("users.invite.linkLabel")} url={created.invitationUrl} />
        </div>
      )}
    </Card>
  );
}
