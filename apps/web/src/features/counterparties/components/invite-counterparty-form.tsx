import {
  COUNTERPARTY_KINDS,
  isValidContactEmail,
  isValidContactPhone,
  type CounterpartyKind,
  type CreateCounterpartyResponse,
  type InviteCounterpartyBody,
} from "@pwp/shared/counterparties";
import { COUNTRIES, type Country } from "@pwp/shared/enums";
import { normalizeRegistrationNumber } from "@pwp/shared/registration-number";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { isApiError } from "@/lib/api-client";
import { readFieldErrors } from "@/lib/form-errors";
import { useCreateCounterparty } from "../api/create-counterparty";
import { checkRegistrationNumber, describeRequestError } from "./form-support";

const FIELDS = ["kind", "country", "registrationNumber", "name", "contact.name", "contact.department", "contact.phone", "contact.email"] as const;
type FieldName = (typeof FIELDS)[number];
type Values = Record<FieldName, string>;

const EMPTY_VALUES: Values = {
  kind: "CONTRACTOR",
  country: "KR",
  registrationNumber: "",
  name: "",
  "contact.name": "",
  "contact.department": "",
  "contact.phone": "",
  "contact.email": "",
};

type InviteCounterpartyFormProps = {
  /** The member's own country is the likely one for a counterparty. */
  defaultCountry: Country;
  onCreated: (created: CreateCounterpartyResponse) => void;
};

/** Register an organisation that is not on the platform yet, with the contact who receives the invitation. */
export function InviteCounterpartyForm({ defaultCountry, onCreated }: InviteCounterpartyFormProps) {
  const { t } = useTranslation();
  const create = useCreateCounterparty();
  const formRef = useRef<HTMLFormElement>(null);
  const idBase = useId();
  const [values, setValues] = useState<Values>({ ...EMPTY_VALUES, country: defaultCountry });
  const [isSubmitted, setIsSubmitted] = useState(false);
  const [focusTarget, setFocusTarget] = useState<{ field: FieldName } | null>(null);

  const country = values.country as Country;
  const numberCheck = checkRegistrationNumber(country, values.registrationNumber);
  // Messages are derived while rendering, so they follow a language switch and the member's corrections.
  const localErrors = validate(values, numberCheck, isSubmitted, t);
  const serverErrors = readFieldErrors(create.error);
  const fieldErrors: Partial<Record<FieldName, string>> = {};
  for (const field of FIELDS) {
    const message = localErrors[field] ?? (create.isError ? describeServerFieldError(field, serverErrors[field], create.error, t) : undefined);
    if (message) fieldErrors[field] = message;
  }
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  const formError = isSubmitted && hasFieldErrors ? t("errors.checkFields") : create.isError && !hasFieldErrors ? describeRequestError(create.error, t) : null;

  useEffect(() => {
    if (!focusTarget) return;
    const element = formRef.current?.elements.namedItem(focusTarget.field);
    if (element instanceof HTMLInputElement || element instanceof HTMLSelectElement) element.focus();
  }, [focusTarget]);

  function update(field: FieldName, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    if (create.isError) create.reset();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSubmitted(true);
    create.reset();
    const errors = validate(values, numberCheck, true, t);
    const firstInvalid = FIELDS.find((field) => errors[field]);
    if (firstInvalid) {
      setFocusTarget({ field: firstInvalid });
      return;
    }
    const body: InviteCounterpartyBody = {
      kind: values.kind as CounterpartyKind,
      country,
      registrationNumber: normalizeRegistrationNumber(values.registrationNumber.trim()),
      name: values.name.trim(),
      contact: {
        name: values["contact.name"].trim(),
        email: values["contact.email"].trim(),
        ...(values["contact.department"].trim() ? { department: values["contact.department"].trim() } : {}),
        ...(values["contact.phone"].trim() ? { phone: values["contact.phone"].trim() } : {}),
      },
    };
    create.mutate(body, {
      onSuccess: onCreated,
      onError: (error) => {
        const invalid = FIELDS.find((field) => readFieldErrors(error)[field]);
        if (invalid) setFocusTarget({ field: invalid });
      },
    });
  }

  const selectField = (field: "kind" | "country", label: string, options: readonly { value: string; label: string }[]) => (
    <div className="field">
      <label className="field__label" htmlFor={`${idBase}-${field}`}>
        {label}
      </label>
      <select
        id={`${idBase}-${field}`}
        name={field}
        className="field__input"
        value={values[field]}
        onChange={(event) => update(field, event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <p className="lead">{t("counterparties.invite.intro")}</p>
      {formError && <Alert>{formError}</Alert>}
      <div className="form__row">
        {selectField(
          "kind",
          t("counterparties.invite.kind"),
          COUNTERPARTY_KINDS.map((kind) => ({ value: kind, label: t(`organizationKinds.${kind}`) })),
        )}
        {selectField(
          "country",
          t("counterparties.invite.country"),
          COUNTRIES.map((value) => ({ value, label: t(`countries.${value}`) })),
        )}
      </div>
      <div>
        <TextField
          label={t("counterparties.invite.registrationNumber")}
          hint={t(`counterparties.invite.registrationNumberHint.${country}`)}
          name="registrationNumber"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          value={values.registrationNumber}
          error={fieldErrors.registrationNumber}
          onChange={(event) => update("registrationNumber", event.target.value)}
        />
        {/* The live check's good news is announced politely; a wrong number shows as the field's error. */}
        <p className="field__success" aria-live="polite">
          {numberCheck === "valid" ? t("counterparties.invite.registrationNumberValid") : ""}
        </p>
      </div>
      <TextField
        label={t("counterparties.invite.name")}
        name="name"
        autoComplete="off"
        value={values.name}
        error={fieldErrors.name}
        onChange={(event) => update("name", event.target.value)}
      />
      <fieldset className="form__fieldset form__group">
        <legend className="form__legend">{t("counterparties.invite.contactLegend")}</legend>
        <TextField
          label={t("counterparties.invite.contactName")}
          name="contact.name"
          autoComplete="off"
          value={values["contact.name"]}
          error={fieldErrors["contact.name"]}
          onChange={(event) => update("contact.name", event.target.value)}
        />
        <TextField
          label={t("counterparties.invite.department")}
          name="contact.department"
          autoComplete="off"
          value={values["contact.department"]}
          error={fieldErrors["contact.department"]}
          onChange={(event) => update("contact.department", event.target.value)}
        />
        <TextField
          label={t("counterparties.invite.phone")}
          name="contact.phone"
          type="tel"
          autoComplete="off"
          value={values["contact.phone"]}
          error={fieldErrors["contact.phone"]}
          onChange={(event) => update("contact.phone", event.target.value)}
        />
        <TextField
          label={t("counterparties.invite.email")}
          name="contact.email"
          type="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={values["contact.email"]}
          error={fieldErrors["contact.email"]}
          onChange={(event) => update("contact.email", event.target.value)}
        />
      </fieldset>
      <Button type="submit" isLoading={create.isPending}>
        {t("counterparties.invite.submit")}
      </Button>
    </form>
  );
}

// i18next's own TFunction: the type of useTranslation()["t"] is re-instantiated per call site and hits TypeScript's
// depth limit ("excessively deep") once the dictionary grows.
type TranslateFunction = TFunction;

/**
 * Client-side checks, the same rules as the API's. Before the first submit only the registration number is
 * checked (live, once complete); afterwards every field is.
 */
function validate(
  values: Values,
  numberCheck: ReturnType<typeof checkRegistrationNumber>,
  isSubmitted: boolean,
  t: TranslateFunction,
): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
  const country = values.country as Country;
  if (numberCheck === "wrongCheckDigit") errors.registrationNumber = t("counterparties.invite.errors.numberCheckDigit");
  else if (numberCheck === "wrongLength") errors.registrationNumber = t(`counterparties.invite.errors.numberLength.${country}`);
  if (!isSubmitted) return errors;
  if (numberCheck === "empty") errors.registrationNumber = t("errors.required");
  else if (numberCheck === "incomplete") errors.registrationNumber = t(`counterparties.invite.errors.numberLength.${country}`);
  if (values.name.trim() === "") errors.name = t("errors.required");
  if (values["contact.name"].trim() === "") errors["contact.name"] = t("errors.required");
  const phone = values["contact.phone"].trim();
  if (phone !== "" && !isValidContactPhone(phone)) errors["contact.phone"] = t("counterparties.fieldErrors.phone");
  const email = values["contact.email"].trim();
  if (email === "") errors["contact.email"] = t("errors.required");
  else if (!isValidContactEmail(email)) errors["contact.email"] = t("counterparties.fieldErrors.email");
  return errors;
}

/** The API's message for a field, in the member's language where we know what it means. */
function describeServerFieldError(field: FieldName, message: string | undefined, error: unknown, t: TranslateFunction): string | undefined {
  if (!message) return undefined;
  if (field === "registrationNumber" && isApiError(error, "CONFLICT")) return t("counterparties.invite.errors.duplicate");
  if (field === "registrationNumber" && message.includes("own organisation")) return t("counterparties.invite.errors.ownOrganization");
  if (field === "registrationNumber" && message.includes("check digit")) return t("counterparties.invite.errors.numberCheckDigit");
  if (field === "contact.email") return t("counterparties.fieldErrors.email");
  if (field === "contact.phone") return t("counterparties.fieldErrors.phone");
  return message;
}
