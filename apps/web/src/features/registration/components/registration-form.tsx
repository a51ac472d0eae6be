import type { Country } from "@pwp/shared/enums";
import type { CounterpartyInvitationPreview } from "@pwp/shared/counterparties";
import {
  APPLICANT_KINDS,
  REGISTRATION_PASSWORD_MIN_LENGTH,
  type ApplicantKind,
  type RegistrationApplication,
} from "@pwp/shared/registration";
import { formatRegistrationNumber, isValidRegistrationNumber, normalizeRegistrationNumber } from "@pwp/shared/registration-number";
import type { TFunction } from "i18next";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import { isApiError, type ApiError } from "@/lib/api-client";
import { useCounterpartyInvitation } from "../api/get-counterparty-invitation";
import { useSubmitRegistration } from "../api/submit-registration";
import { DocumentFileInput } from "./document-file-input";
import { checkFiles } from "./format";
import "./registration.css";

type TextFieldName =
  | "kind"
  | "country"
  | "registrationNumber"
  | "nameLocal"
  | "nameLatin"
  | "representativeName"
  | "address"
  | "contactName"
  | "contactEmail"
  | "contactPhone"
  | "userName"
  | "loginId"
  | "email"
  | "password";
type FieldName = TextFieldName | "documents";
type Values = Record<TextFieldName, string>;
type FieldErrors = Partial<Record<FieldName, string>>;

/** Form order: the first field with an error gets the focus. */
const FIELD_ORDER: readonly FieldName[] = [
  "kind",
  "country",
  "registrationNumber",
  "nameLocal",
  "nameLatin",
  "representativeName",
  "address",
  "contactName",
  "contactEmail",
  "contactPhone",
  "userName",
  "loginId",
  "email",
  "password",
  "documents",
];

/** Where the server names a field ("application.user.email") → the form's field. */
const SERVER_FIELDS: Record<string, FieldName> = {
  "application.kind": "kind",
  "application.country": "country",
  "application.registrationNumber": "registrationNumber",
  "application.nameLocal": "nameLocal",
  "application.nameLatin": "nameLatin",
  "application.representativeName": "representativeName",
  "application.address": "address",
  "application.contactName": "contactName",
  "application.contactEmail": "contactEmail",
  "application.contactPhone": "contactPhone",
  "application.user.name": "userName",
  "application.user.loginId": "loginId",
  "application.user.email": "email",
  "application.user.password": "password",
  documents: "documents",
};

const EXPECTED_DIGITS: Record<Country, number> = { KR: 10, JP: 13 };

export type RegistrationCredentials = { email: string; password: string };

type RegistrationFormProps = {
  /** From ?invitation= of a counterparty's invitation link. */
  invitationToken: string | null;
  /** After the 201: signs the applicant in and moves on. */
  onSubmitted: (credentials: RegistrationCredentials) => Promise<void>;
};

/** Loads the invitation first (if any), so the form starts already filled in from it. */
export function RegistrationForm({ invitationToken, onSubmitted }: RegistrationFormProps) {
  const { t } = useTranslation();
  const invitation = useCounterpartyInvitation(invitationToken);
  if (invitationToken && invitation.isPending) return <Spinner label={t("app.loading")} />;
  const preview = invitation.data ?? null;
  return (
    <>
      {invitationToken && !preview && <Alert tone="warning">{t("registration.form.invitationInvalid")}</Alert>}
      <RegistrationFormFields
        invitation={preview && invitationToken ? { token: invitationToken, preview } : null}
        onSubmitted={onSubmitted}
      />
    </>
  );
}

function initialValues(preview: CounterpartyInvitationPreview | null): Values {
  const kind = preview && (APPLICANT_KINDS as readonly string[]).includes(preview.kind) ? preview.kind : "";
  return {
    kind,
    country: preview?.country ?? "",
    registrationNumber: preview ? formatRegistrationNumber(preview.country, preview.registrationNumber) : "",
    nameLocal: preview?.name ?? "",
    nameLatin: "",
    representativeName: "",
    address: "",
    contactName: preview?.contactName ?? "",
    contactEmail: preview?.contactEmail ?? "",
    contactPhone: "",
    userName: "",
    loginId: "",
    email: preview?.contactEmail ?? "",
    password: "",
  };
}

function isCountry(value: string): value is Country {
  return value === "KR" || value === "JP";
}

/**
 * The registration number checked as it is typed, with the shared validator: the length once the user has left the
 * field or typed too many digits, the check digit as soon as all digits are there.
 */
function checkRegistrationNumber(value: string, country: string, isComplete: boolean, t: TFunction): string | null {
  const digits = normalizeRegistrationNumber(value.trim());
  if (digits === "" || !isCountry(country)) return null;
  const lengthMessage = t(country === "KR" ? "registration.errors.registrationNumberLengthKR" : "registration.errors.registrationNumberLengthJP");
  if (!/^\d+$/.test(digits)) return lengthMessage;
  const expected = EXPECTED_DIGITS[country];
  if (digits.length > expected || (isComplete && digits.length < expected)) return lengthMessage;
  if (digits.length === expected && !isValidRegistrationNumber(country, digits)) return t("registration.errors.registrationNumberCheckDigit");
  return null;
}

function checkValues(values: Values, documents: readonly File[], t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of FIELD_ORDER) {
    if (field !== "documents" && values[field].trim() === "") errors[field] = t("errors.required");
  }
  const numberError = checkRegistrationNumber(values.registrationNumber, values.country, true, t);
  if (numberError && !errors.registrationNumber) errors.registrationNumber = numberError;
  if (values.nameLatin.trim() && !/^[\x20-\x7E]*[A-Za-z0-9][\x20-\x7E]*$/.test(values.nameLatin.trim())) {
    errors.nameLatin = t("registration.errors.nameLatin");
  }
  for (const field of ["contactEmail", "email"] as const) {
    if (values[field].trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values[field].trim())) errors[field] = t("registration.errors.email");
  }
  if (values.contactPhone.trim() && !/^\+?[0-9][0-9\s\-()]{5,29}$/.test(values.contactPhone.trim())) errors.contactPhone = t("registration.errors.phone");
  if (values.loginId.trim() && !/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/.test(values.loginId.trim())) errors.loginId = t("registration.errors.loginId");
  if (values.password && values.password.length < REGISTRATION_PASSWORD_MIN_LENGTH) errors.password = t("registration.errors.passwordTooShort");
  const fileError = documents.length === 0 ? t("registration.errors.noDocuments") : checkFiles(documents, t);
  if (fileError) errors.documents = fileError;
  return errors;
}

/** The server's field errors in the user's language where we know the case; its own words otherwise. */
function readServerErrors(error: ApiError, country: string, t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, message } of error.fields) {
    const name = SERVER_FIELDS[field];
    if (!name || errors[name]) continue;
    if (error.code === "CONFLICT" && name === "registrationNumber") errors[name] = t("registration.errors.registrationNumberTaken");
    else if (error.code === "CONFLICT" && name === "email") errors[name] = t("registration.errors.emailTaken");
    else if (name === "registrationNumber" && message.includes("check digit")) errors[name] = t("registration.errors.registrationNumberCheckDigit");
    else if (name === "registrationNumber" && message.includes("length")) {
      errors[name] = t(country === "JP" ? "registration.errors.registrationNumberLengthJP" : "registration.errors.registrationNumberLengthKR");
    } else if (name === "documents") errors[name] = t("registration.errors.filesRefused", { message });
    else errors[name] = message;
  }
  return errors;
}

function describeFormError(error: unknown, hasFieldErrors: boolean, t: TFunction): string | null {
  if (hasFieldErrors) return t("errors.checkFields");
  if (!error) return null;
  if (!isApiError(error)) return t("errors.unexpected");
  if (error.code === "NETWORK_ERROR") return t("errors.network");
  if (error.code === "RATE_LIMITED") return t("registration.errors.rateLimited");
  if (error.fields.some((field) => field.field === "application.counterpartyInvitationToken")) return t("registration.errors.invitation");
  if (error.code === "VALIDATION_FAILED" || error.code === "CONFLICT" || error.code === "PAYLOAD_TOO_LARGE") return error.message;
  return t("errors.unexpected");
}

type FormSectionProps = { legend: string; text?: string; children: ReactNode };

function FormSection({ legend, text, children }: FormSectionProps) {
  return (
    <fieldset className="registration-form__section">
      <legend>{legend}</legend>
      {text && <p className="registration-form__section-text">{text}</p>}
      {children}
    </fieldset>
  );
}

type RegistrationFormFieldsProps = {
  invitation: { token: string; preview: CounterpartyInvitationPreview } | null;
  onSubmitted: (credentials: RegistrationCredentials) => Promise<void>;
};

function RegistrationFormFields({ invitation, onSubmitted }: RegistrationFormFieldsProps) {
  const { t } = useTranslation();
  const submit = useSubmitRegistration();
  const formRef = useRef<HTMLFormElement>(null);
  const kindErrorId = useId();
  const countryErrorId = useId();
  const [values, setValues] = useState<Values>(() => initialValues(invitation?.preview ?? null));
  const [documents, setDocuments] = useState<File[]>([]);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [hasLeftNumber, setHasLeftNumber] = useState(false);
  const [isSigningIn, setIsSigningIn] = useState(false);
  const [focusTarget, setFocusTarget] = useState<{ field: FieldName } | null>(null);

  // Derived while rendering, so the messages follow a language switch.
  const serverErrors = isApiError(submit.error) ? readServerErrors(submit.error, values.country, t) : {};
  const liveNumberError = checkRegistrationNumber(values.registrationNumber, values.country, hasLeftNumber, t);
  const fieldErrors: FieldErrors = { ...serverErrors, ...clientErrors };
  if (liveNumberError && !serverErrors.registrationNumber) fieldErrors.registrationNumber = liveNumberError;
  const hasFieldErrors = Object.keys(clientErrors).length > 0 || Object.keys(serverErrors).length > 0;
  const formError = describeFormError(submit.error, hasFieldErrors, t);

  useEffect(() => {
    if (!focusTarget) return;
    const element = formRef.current?.elements.namedItem(focusTarget.field);
    if (element instanceof HTMLElement) element.focus();
  }, [focusTarget]);

  function update(field: TextFieldName, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setClientErrors(({ [field]: _removed, ...rest }) => rest);
    if (submit.error) submit.reset();
  }

  function focusFirst(errors: FieldErrors) {
    const first = FIELD_ORDER.find((field) => errors[field]);
    if (first) setFocusTarget({ field: first });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit.reset();
    setHasLeftNumber(true);
    const errors = checkValues(values, documents, t);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      focusFirst(errors);
      return;
    }
    const email = values.email.trim();
    const application: RegistrationApplication = {
      kind: values.kind as ApplicantKind,
      country: values.country as Country,
      registrationNumber: normalizeRegistrationNumber(values.registrationNumber.trim()),
      nameLocal: values.nameLocal.trim(),
      nameLatin: values.nameLatin.trim(),
      representativeName: values.representativeName.trim(),
      address: values.address.trim(),
      contactName: values.contactName.trim(),
      contactEmail: values.contactEmail.trim(),
      contactPhone: values.contactPhone.trim(),
      user: { name: values.userName.trim(), loginId: values.loginId.trim(), email, password: values.password },
      ...(invitation ? { counterpartyInvitationToken: invitation.token } : {}),
    };
    submit.mutate(
      { application, documents },
      {
        onSuccess: async () => {
          setIsSigningIn(true);
          try {
            await onSubmitted({ email, password: values.password });
          } finally {
            setIsSigningIn(false);
          }
        },
        onError: (error) => {
          if (isApiError(error)) focusFirst(readServerErrors(error, values.country, t));
        },
      },
    );
  }

  const textField = (field: TextFieldName, props: { type?: string; autoComplete?: string; hint?: string; lang?: string } = {}) => (
    <TextField
      label={t(`registration.fields.${field}`)}
      name={field}
      value={values[field]}
      error={fieldErrors[field]}
      onChange={(event) => update(field, event.target.value)}
      {...props}
    />
  );

  const country = isCountry(values.country) ? values.country : null;
  const numberHint = country
    ? t(country === "KR" ? "registration.form.hints.registrationNumberKR" : "registration.form.hints.registrationNumberJP")
    : `${t("registration.form.hints.registrationNumberKR")} ${t("registration.form.hints.registrationNumberJP")}`;
  const localLanguage = country === "KR" ? "ko" : country === "JP" ? "ja" : undefined;

  return (
    <form ref={formRef} className="form registration-form" noValidate onSubmit={handleSubmit}>
      {invitation && (
        <Notice>
          <strong>{t("registration.form.invitedBy", { name: invitation.preview.invitedBy.nameLocal })}</strong>
          {invitation.preview.invitedBy.nameLatin && ` (${invitation.preview.invitedBy.nameLatin})`}
          <br />
          {t("registration.form.invitationText")}
        </Notice>
      )}
      {formError && <Alert>{formError}</Alert>}

      <FormSection legend={t("registration.form.sections.organization")}>
        <div className="registration-form__row">
          <div>
            <Select
              className="registration-select"
              label={t("registration.fields.kind")}
              name="kind"
              value={values.kind}
              aria-invalid={fieldErrors.kind ? true : undefined}
              aria-describedby={fieldErrors.kind ? kindErrorId : undefined}
              onChange={(event) => update("kind", event.target.value)}
              options={[
                { value: "", label: t("registration.form.choose") },
                ...APPLICANT_KINDS.map((kind) => ({ value: kind, label: t(`organizationKinds.${kind}`) })),
              ]}
            />
            {fieldErrors.kind && (
              <p className="field__error" id={kindErrorId}>
                {fieldErrors.kind}
              </p>
            )}
          </div>
          <div>
            <Select
              className="registration-select"
              label={t("registration.fields.country")}
              name="country"
              value={values.country}
              aria-invalid={fieldErrors.country ? true : undefined}
              aria-describedby={fieldErrors.country ? countryErrorId : undefined}
              onChange={(event) => update("country", event.target.value)}
              options={[
                { value: "", label: t("registration.form.choose") },
                { value: "KR", label: t("countries.KR") },
                { value: "JP", label: t("countries.JP") },
              ]}
            />
            {fieldErrors.country && (
              <p className="field__error" id={countryErrorId}>
                {fieldErrors.country}
              </p>
            )}
          </div>
        </div>
        <TextField
          label={t("registration.fields.registrationNumber")}
          hint={numberHint}
          name="registrationNumber"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          value={values.registrationNumber}
          error={fieldErrors.registrationNumber}
          onChange={(event) => update("registrationNumber", event.target.value)}
          onBlur={() => setHasLeftNumber(true)}
        />
        {textField("nameLocal", { autoComplete: "organization", ...(localLanguage ? { lang: localLanguage } : {}) })}
        {textField("nameLatin", { hint: t("registration.form.hints.nameLatin"), lang: "en" })}
      </FormSection>

      <FormSection legend={t("registration.form.sections.representative")}>
        {textField("representativeName")}
        {textField("address", { autoComplete: "street-address" })}
      </FormSection>

      <FormSection legend={t("registration.form.sections.contact")}>
        {textField("contactName")}
        <div className="registration-form__row">
          {textField("contactEmail", { type: "email", autoComplete: "email" })}
          {textField("contactPhone", { type: "tel", autoComplete: "tel" })}
        </div>
      </FormSection>

      <FormSection legend={t("registration.form.sections.user")} text={t("registration.form.sections.userText")}>
        {textField("userName", { autoComplete: "name" })}
        {textField("loginId", { autoComplete: "username", hint: t("registration.form.hints.loginId") })}
        {textField("email", { type: "email", autoComplete: "email" })}
        {textField("password", { type: "password", autoComplete: "new-password", hint: t("registration.form.hints.password") })}
      </FormSection>

      <FormSection legend={t("registration.form.sections.documents")}>
        <DocumentFileInput
          label={t("registration.fields.documents")}
          hint={t("registration.form.hints.documents")}
          files={documents}
          error={fieldErrors.documents}
          onChange={(files) => {
            setDocuments(files);
            setClientErrors(({ documents: _removed, ...rest }) => rest);
          }}
        />
      </FormSection>

      <Button type="submit" isFullWidth isLoading={submit.isPending || isSigningIn}>
        {t("registration.form.submit")}
      </Button>
    </form>
  );
}
