import {
  isValidContactEmail,
  isValidContactPhone,
  type CounterpartyContact,
  type CreateCounterpartyContactBody,
} from "@pwp/shared/counterparties";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { isApiError } from "@/lib/api-client";
import { readFieldErrors } from "@/lib/form-errors";
import { describeRequestError } from "./form-support";

const FIELDS = ["name", "department", "phone", "email"] as const;
type FieldName = (typeof FIELDS)[number];
type Values = Record<FieldName, string>;

type ContactFormProps = {
  title: string;
  initial?: CounterpartyContact;
  isPending: boolean;
  error: unknown;
  /** Every field is sent: an emptied department, phone or e-mail is cleared. */
  onSubmit: (body: Required<CreateCounterpartyContactBody>) => void;
  onCancel: () => void;
};

/** The inline form that adds or changes one contact. */
export function ContactForm({ title, initial, isPending, error, onSubmit, onCancel }: ContactFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>({
    name: initial?.name ?? "",
    department: initial?.department ?? "",
    phone: initial?.phone ?? "",
    email: initial?.email ?? "",
  });
  const [isSubmitted, setIsSubmitted] = useState(false);

  const localErrors = isSubmitted ? validate(values, t) : {};
  const serverErrors = readFieldErrors(error);
  const fieldErrors: Partial<Record<FieldName, string>> = {};
  for (const field of FIELDS) {
    const server = serverErrors[field];
    const message = localErrors[field] ?? (server ? describeServerError(field, server, t) : undefined);
    if (message) fieldErrors[field] = message;
  }
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  const formError = hasFieldErrors
    ? t("errors.checkFields")
    : isApiError(error, "CONFLICT")
      ? t("counterparties.contacts.tooMany")
      : describeRequestError(error, t);

  // Start typing straight away: the form opened because the member asked for it.
  useEffect(() => {
    const first = formRef.current?.elements.namedItem("name");
    if (first instanceof HTMLInputElement) first.focus();
  }, []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSubmitted(true);
    const errors = validate(values, t);
    const firstInvalid = FIELDS.find((field) => errors[field]);
    if (firstInvalid) {
      const element = formRef.current?.elements.namedItem(firstInvalid);
      if (element instanceof HTMLInputElement) element.focus();
      return;
    }
    onSubmit({
      name: values.name.trim(),
      department: values.department.trim(),
      phone: values.phone.trim(),
      email: values.email.trim(),
    });
  }

  const update = (field: FieldName) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  return (
    <form ref={formRef} className="form contact-form" noValidate onSubmit={handleSubmit} aria-label={title}>
      <h3 className="contact-form__title">{title}</h3>
      {formError && <Alert>{formError}</Alert>}
      <div className="form__grid">
        <TextField label={t("counterparties.contacts.name")} name="name" autoComplete="off" value={values.name} error={fieldErrors.name} onChange={update("name")} />
        <TextField
          label={t("counterparties.contacts.department")}
          name="department"
          autoComplete="off"
          value={values.department}
          error={fieldErrors.department}
          onChange={update("department")}
        />
        <TextField
          label={t("counterparties.contacts.phone")}
          name="phone"
          type="tel"
          autoComplete="off"
          value={values.phone}
          error={fieldErrors.phone}
          onChange={update("phone")}
        />
        <TextField
          label={t("counterparties.contacts.email")}
          name="email"
          type="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={values.email}
          error={fieldErrors.email}
          onChange={update("email")}
        />
      </div>
      <div className="button-row">
        <Button type="submit" isLoading={isPending}>
          {t("counterparties.contacts.save")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t("counterparties.contacts.cancel")}
        </Button>
      </div>
    </form>
  );
}

// i18next's own TFunction: the type of useTranslation()["t"] is re-instantiated per call site and hits TypeScript's
// depth limit ("excessively deep") once the dictionary grows.
type TranslateFunction = TFunction;

function validate(values: Values, t: TranslateFunction): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
  if (values.name.trim() === "") errors.name = t("errors.required");
  else if (values.name.trim().length > 100) errors.name = t("counterparties.fieldErrors.tooLong");
  if (values.department.trim().length > 100) errors.department = t("counterparties.fieldErrors.tooLong");
  const phone = values.phone.trim();
  if (phone !== "" && !isValidContactPhone(phone)) errors.phone = t("counterparties.fieldErrors.phone");
  const email = values.email.trim();
  if (email !== "" && !isValidContactEmail(email)) errors.email = t("counterparties.fieldErrors.email");
  return errors;
}

function describeServerError(field: FieldName, message: string, t: TranslateFunction): string {
  if (field === "email") return t("counterparties.fieldErrors.email");
  if (field === "phone") return t("counterparties.fieldErrors.phone");
  return message;
}
