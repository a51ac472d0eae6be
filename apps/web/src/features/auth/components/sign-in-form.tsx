import type { Session, SignInBody } from "@pwp/shared/auth";
import { normalizeRegistrationNumber } from "@pwp/shared/registration-number";
import type { TFunction } from "i18next";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Tabs } from "@/components/ui/tabs";
import { TextField } from "@/components/ui/text-field";
import { isApiError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useSignIn } from "../api/sign-in";

type SignInMethod = "email" | "registration";
type FieldName = "email" | "registrationNumber" | "loginId" | "password";
type FieldErrors = Partial<Record<FieldName, string>>;

const FIELDS_BY_METHOD: Record<SignInMethod, readonly FieldName[]> = {
  email: ["email", "password"],
  registration: ["registrationNumber", "loginId", "password"],
};

type SignInFormProps = {
  onSignedIn: (session: Session) => void;
};

export function SignInForm({ onSignedIn }: SignInFormProps) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const formRef = useRef<HTMLFormElement>(null);
  const [method, setMethod] = useState<SignInMethod>("email");
  const [values, setValues] = useState<Record<FieldName, string>>({ email: "", registrationNumber: "", loginId: "", password: "" });
  const [missingFields, setMissingFields] = useState<readonly FieldName[]>([]);
  // A new object per failed attempt, so the same field is focused again on the next failure.
  const [focusTarget, setFocusTarget] = useState<{ field: FieldName } | null>(null);

  const visibleFields = FIELDS_BY_METHOD[method];
  // Messages are derived while rendering, not stored, so they follow a language switch.
  const serverFieldErrors = readServerFieldErrors(signIn.error, visibleFields);
  const fieldErrors: FieldErrors = { ...serverFieldErrors };
  for (const field of missingFields) fieldErrors[field] = t("errors.required");
  const formError = describeSubmitError(signIn.error, serverFieldErrors, missingFields, t, getCurrentLocale());

  // After a failed attempt, put the cursor where the user has to act; the effect runs once the error text is
  // rendered, so a screen reader reads it with the field.
  useEffect(() => {
    if (!focusTarget) return;
    const element = formRef.current?.elements.namedItem(focusTarget.field);
    if (element instanceof HTMLInputElement) element.focus();
  }, [focusTarget]);

  function updateValue(field: FieldName, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setMissingFields((current) => (current.includes(field) ? current.filter((name) => name !== field) : current));
  }

  function selectMethod(next: SignInMethod) {
    setMethod(next);
    setMissingFields([]);
    signIn.reset();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    signIn.reset();
    const missing = visibleFields.filter((field) => values[field].trim() === "");
    setMissingFields(missing);
    const [firstMissing] = missing;
    if (firstMissing) {
      setFocusTarget({ field: firstMissing });
      return;
    }

    const body: SignInBody =
      method === "email"
        ? { email: values.email.trim(), password: values.password }
        : {
            registrationNumber: normalizeRegistrationNumber(values.registrationNumber.trim()),
            loginId: values.loginId.trim(),
            password: values.password,
          };
    signIn.mutate(body, {
      onSuccess: onSignedIn,
      onError: (error) => {
        const errors = readServerFieldErrors(error, visibleFields);
        const invalidField = visibleFields.find((field) => errors[field]);
        if (invalidField) setFocusTarget({ field: invalidField });
      },
    });
  }

  return (
    <Tabs
      label={t("signIn.methodsLabel")}
      tabs={[
        { value: "email", label: t("signIn.methods.email") },
        { value: "registration", label: t("signIn.methods.registration") },
      ]}
      selected={method}
      onSelect={selectMethod}
    >
      <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
        {formError && <Alert>{formError}</Alert>}
        {method === "email" ? (
          <TextField
            label={t("signIn.fields.email")}
            name="email"
            type="email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={values.email}
            error={fieldErrors.email}
            onChange={(event) => updateValue("email", event.target.value)}
          />
        ) : (
          <>
            <TextField
              label={t("signIn.fields.registrationNumber")}
              hint={t("signIn.fields.registrationNumberHint")}
              name="registrationNumber"
              autoComplete="off"
              spellCheck={false}
              value={values.registrationNumber}
              error={fieldErrors.registrationNumber}
              onChange={(event) => updateValue("registrationNumber", event.target.value)}
            />
            <TextField
              label={t("signIn.fields.loginId")}
              name="loginId"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={values.loginId}
              error={fieldErrors.loginId}
              onChange={(event) => updateValue("loginId", event.target.value)}
            />
          </>
        )}
        <TextField
          label={t("signIn.fields.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          value={values.password}
          error={fieldErrors.password}
          onChange={(event) => updateValue("password", event.target.value)}
        />
        <Button type="submit" isFullWidth isLoading={signIn.isPending}>
          {t("signIn.submit")}
        </Button>
      </form>
    </Tabs>
  );
}

/** The API names fields by where they sit in the request, e.g. "body.email". */
function readServerFieldErrors(error: unknown, visibleFields: readonly FieldName[]): FieldErrors {
  if (!isApiError(error, "VALIDATION_FAILED")) return {};
  const errors: FieldErrors = {};
  for (const { field, message } of error.fields) {
    const name = field.replace(/^body\./, "");
    const visible = visibleFields.find((candidate) => candidate === name);
    if (visible && !errors[visible]) errors[visible] = message;
  }
  return errors;
}

function describeSubmitError(
  error: unknown,
  serverFieldErrors: FieldErrors,
  missingFields: readonly FieldName[],
  t: TFunction,
  language: string,
): string | null {
  if (missingFields.length > 0 || Object.keys(serverFieldErrors).length > 0) return t("errors.checkFields");
  if (!error) return null;
  if (!isApiError(error)) return t("errors.unexpected");

  const time = error.retryAt ? formatDateTime(error.retryAt, language) : null;
  switch (error.code) {
    case "INVALID_CREDENTIALS":
      return t("signIn.errors.invalidCredentials");
    case "ACCOUNT_LOCKED":
      return time ? t("signIn.errors.accountLocked", { time }) : t("signIn.errors.accountLockedNoTime");
    case "RATE_LIMITED":
      return time ? t("signIn.errors.rateLimited", { time }) : t("signIn.errors.rateLimitedNoTime");
    case "ACCOUNT_DISABLED":
      return t("signIn.errors.accountDisabled");
    case "NETWORK_ERROR":
      return t("errors.network");
    case "VALIDATION_FAILED":
      // A rule over the whole body (e.g. "e-mail, or registration number with user ID") names no single field.
      return error.message;
    default:
      return t("errors.unexpected");
  }
}
