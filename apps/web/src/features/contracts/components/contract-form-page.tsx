import { parseAmountInput } from "@pwp/shared/amounts";
import { CONTRACT_SIDES, GUARANTEE_KINDS, type ContractDetail, type Currency, type GuaranteeKind } from "@pwp/shared/contracts";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { TextAreaField, TextField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { readFieldErrors } from "@/lib/form-errors";
import { getCurrentLocale } from "@/lib/i18n";
import { useCreateContract } from "../api/create-contract";
import { useContractorOptions, type ContractorOption } from "../api/get-contractor-options";
import { useUpdateContract } from "../api/update-contract";
import { formatAmountInWords, formatAmountWithCurrency } from "@/lib/amount-format";
import {
  contractFormFromDetail,
  emptyContractForm,
  moveItem,
  newContact,
  newTermsSection,
  toContractBody,
  type ContactRow,
  type ContractFormProblems,
  type ContractFormValues,
  type TermsSectionRow,
} from "../contract-form";
import { AnnexSection } from "./annex-section";
import { DeleteDraftButton } from "./delete-draft-button";
import { ContractorKindChoice, JointVentureFields } from "./joint-venture-fields";
import { describeContractError, isContractConflict } from "./describe-contract-error";
import "../contracts.css";

type ContractFormPageProps =
  | { mode: "create"; currency: Currency }
  | { mode: "edit"; currency: Currency; contract: ContractDetail; onReload: () => Promise<ContractDetail | undefined> };

function todayIso(): string {
  // The user's own calendar day: a contract is dated where it is signed.
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/** 계약 작성 · 契約書作成: a new draft, or the revision of a draft or a returned contract. */
export function ContractFormPage(props: ContractFormPageProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const language = getCurrentLocale();
  const contract = props.mode === "edit" ? props.contract : null;
  const [values, setValues] = useState<ContractFormValues>(() => (contract ? contractFormFromDetail(contract) : emptyContractForm(todayIso())));
  const [version, setVersion] = useState(contract?.version ?? 1);
  const [problems, setProblems] = useState<ContractFormProblems>({});
  const create = useCreateContract();
  const update = useUpdateContract();
  const save = props.mode === "create" ? create : update;
  const contractors = useContractorOptions();
  const apiErrors = readFieldErrors(save.error);
  const hasFieldErrors = Object.keys(problems).length > 0 || Object.keys(apiErrors).length > 0;
  const isConflict = isContractConflict(save.error);

  const title = props.mode === "create" ? t("contracts.form.createTitle") : t("contracts.form.editTitle", { number: contract?.contractNumber ?? "" });

  function errorOf(field: string): string | undefined {
    const problem = problems[field];
    return problem ? t(`contracts.form.problems.${problem}`) : apiErrors[field];
  }

  function change<K extends keyof ContractFormValues>(key: K, value: ContractFormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.reset();
    const onSuccess = (saved: ContractDetail) => void navigate(paths.contract.getHref(saved.id));
    if (contract) {
      const result = toContractBody(values, { kind: "update", version });
      setProblems("problems" in result ? result.problems : {});
      if ("body" in result) update.mutate({ contractId: contract.id, body: result.body }, { onSuccess });
    } else {
      const result = toContractBody(values, { kind: "create" });
      setProblems("problems" in result ? result.problems : {});
      if ("body" in result) create.mutate(result.body, { onSuccess });
    }
  }

  /** After a 409: start again from what is saved now (someone else changed or sent it meanwhile). */
  async function reloadCurrent() {
    if (props.mode !== "edit") return;
    const current = await props.onReload();
    if (!current) return;
    if (current.status !== "DRAFT" && current.status !== "RETURNED") {
      void navigate(paths.contract.getHref(current.id));
      return;
    }
    setValues(contractFormFromDetail(current));
    setVersion(current.version);
    setProblems({});
    save.reset();
  }

  const amount = parseAmountInput(values.amount);
  const selectedContractor = contract?.contractor;
  const contractorOptions: ContractorOption[] = [...(contractors.data ?? [])];
  // A contract's contractor stays selectable even if it has since left the orderer's counterparty list.
  if (selectedContractor && !contractorOptions.some((option) => option.organizationId === selectedContractor.id)) {
    contractorOptions.unshift({
      organizationId: selectedContractor.id,
      name: selectedContractor.nameLocal,
      registrationNumber: selectedContractor.registrationNumber,
      country: selectedContractor.country,
    });
  }

  return (
    <div className="contracts contract-form-page">
      <DocumentTitle page={title} />
      <div className="page-heading">
        <h1>{title}</h1>
        <p className="page-heading__lead">{t("contracts.form.intro")}</p>
      </div>
      {contract?.status === "RETURNED" && <Notice>{t("contracts.form.returnedNotice")}</Notice>}

      <form className="form panel contract-form" onSubmit={submit} noValidate aria-label={title}>
        {save.error && (
          <Alert>
            {describeContractError(save.error, t)}
            {!isConflict && hasFieldErrors && ` ${t("errors.checkFields")}`}
            {isConflict && (
              <span className="contract-form__reload">
                <Button variant="secondary" onClick={() => void reloadCurrent()}>
                  {t("contracts.form.reloadCurrent")}
                </Button>
              </span>
            )}
          </Alert>
        )}
        {!save.error && Object.keys(problems).length > 0 && <Alert>{t("errors.checkFields")}</Alert>}

        <fieldset className="form__fieldset">
          <legend className="contract-form__legend">{t("contracts.form.sections.parties")}</legend>
          <ContractorKindChoice values={values} onChange={(patch) => setValues((current) => ({ ...current, ...patch }))} />
          {contractors.isPending ? (
            <Spinner label={t("app.loading")} />
          ) : contractors.isError ? (
            <Alert>{describeContractError(contractors.error, t)}</Alert>
          ) : contractorOptions.length === 0 ? (
            <Notice>
              {t("contracts.form.noContractors")} <Link to={paths.counterparties.getHref()}>{t("contracts.form.counterpartiesLink")}</Link>
            </Notice>
          ) : (
            <Select
              label={values.isJointVenture ? t("contracts.form.jointVenture.lead") : t("contracts.form.contractor")}
              name="contractorOrganizationId"
              value={values.contractorOrganizationId}
              onChange={(event) => change("contractorOrganizationId", event.target.value)}
              aria-invalid={errorOf("contractorOrganizationId") ? true : undefined}
              options={[
                { value: "", label: t("contracts.form.chooseContractor") },
                ...contractorOptions.map((option) => ({ value: option.organizationId, label: `${option.name} (${option.registrationNumber})` })),
              ]}
            />
          )}
          {errorOf("contractorOrganizationId") && <p className="field__error">{errorOf("contractorOrganizationId")}</p>}
          <JointVentureFields
            values={values}
            onChange={(patch) => setValues((current) => ({ ...current, ...patch }))}
            contractorOptions={contractorOptions}
            errorOf={errorOf}
          />
        </fieldset>

        <fieldset className="form__fieldset">
          <legend className="contract-form__legend">{t("contracts.form.sections.contract")}</legend>
          <TextField
            label={t("contracts.form.contractNumber")}
            hint={props.mode === "create" ? t("contracts.form.contractNumberHint") : t("contracts.form.contractNumberEditHint")}
            name="contractNumber"
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            value={values.contractNumber}
            error={errorOf("contractNumber")}
            onChange={(event) => change("contractNumber", event.target.value)}
          />
          <TextField
            label={t("contracts.form.title")}
            hint={t("contracts.form.titleHint")}
            name="title"
            autoComplete="off"
            maxLength={200}
            value={values.title}
            error={errorOf("title")}
            onChange={(event) => change("title", event.target.value)}
          />
          <TextField
            label={t("contracts.form.amount", { currency: props.currency })}
            hint={
              "amount" in amount
                ? t("contracts.form.amountPreview", {
                    amount: formatAmountWithCurrency(amount.amount, props.currency, language),
                    words: formatAmountInWords(amount.amount, props.currency),
                  })
                : t("contracts.form.amountHint")
            }
            name="amount"
            inputMode="numeric"
            autoComplete="off"
            value={values.amount}
            error={errorOf("amount")}
            onChange={(event) => change("amount", event.target.value)}
          />
          <div className="contract-form__row">
            <TextField
              label={t("contracts.form.worksStartDate")}
              type="date"
              name="worksStartDate"
              value={values.worksStartDate}
              error={errorOf("worksStartDate")}
              onChange={(event) => change("worksStartDate", event.target.value)}
            />
            <TextField
              label={t("contracts.form.worksEndDate")}
              type="date"
              name="worksEndDate"
              value={values.worksEndDate}
              error={errorOf("worksEndDate")}
              onChange={(event) => change("worksEndDate", event.target.value)}
            />
            <TextField
              label={t("contracts.form.contractDate")}
              type="date"
              name="contractDate"
              value={values.contractDate}
              error={errorOf("contractDate")}
              onChange={(event) => change("contractDate", event.target.value)}
            />
          </div>
          <TextField
            label={t("contracts.form.place")}
            hint={t("contracts.form.placeHint")}
            name="place"
            maxLength={200}
            value={values.place}
            error={errorOf("place")}
            onChange={(event) => change("place", event.target.value)}
          />
        </fieldset>

        <TermsSectionsEditor rows={values.termsSections} onChange={(rows) => change("termsSections", rows)} errorOf={errorOf} />

        <GuaranteesField selected={values.requiredGuarantees} onChange={(kinds) => change("requiredGuarantees", kinds)} error={errorOf("requiredGuarantees")} />

        <ContactsEditor rows={values.contacts} onChange={(rows) => change("contacts", rows)} errorOf={errorOf} />

        <div className="contract-form__actions">
          <Button type="submit" isLoading={save.isPending}>
            {t("contracts.form.save")}
          </Button>
          <Link className="button button--secondary" to={contract ? paths.contract.getHref(contract.id) : paths.contracts.getHref()}>
            {t("contracts.form.cancel")}
          </Link>
        </div>
      </form>

      {contract ? (
        <>
          {/* The annex changes the contract's version: the form's save must carry the new one, not a 409. */}
          <AnnexSection contract={contract} version={version} onChanged={(changed) => setVersion(changed.version)} />
          {contract.allowedActions.includes("DELETE") && (
            <section className="panel contract-form__danger" aria-label={t("contracts.actions.delete")}>
              <DeleteDraftButton contractId={contract.id} />
            </section>
          )}
        </>
      ) : (
        <p className="muted">{t("contracts.form.annexAfterSave")}</p>
      )}
    </div>
  );
}

type RowsEditorProps<T> = { rows: T[]; onChange: (rows: T[]) => void; errorOf: (field: string) => string | undefined };

function TermsSectionsEditor({ rows, onChange, errorOf }: RowsEditorProps<TermsSectionRow>) {
  const { t } = useTranslation();
  const headingId = useId();

  function update(index: number, patch: Partial<TermsSectionRow>) {
    onChange(rows.map((row, rowIndex) => (rowIndex === index ? { ...row, ...patch } : row)));
  }

  return (
    <section className="contract-form__group" aria-labelledby={headingId}>
      <h2 id={headingId} className="contract-form__legend">
        {t("contracts.form.sections.terms")}
      </h2>
      <p className="muted">{t("contracts.form.termsHint")}</p>
      {rows.map((row, index) => (
        <fieldset key={row.key} className="form__fieldset contract-form__item">
          <legend>{t("contracts.form.terms.legend", { number: index + 1 })}</legend>
          <TextField
            label={t("contracts.form.terms.heading")}
            maxLength={200}
            value={row.heading}
            error={errorOf(`termsSections.${index}.heading`)}
            onChange={(event) => update(index, { heading: event.target.value })}
          />
          <TextAreaField
            label={t("contracts.form.terms.body")}
            rows={5}
            maxLength={10_000}
            value={row.body}
            error={errorOf(`termsSections.${index}.body`)}
            onChange={(event) => update(index, { body: event.target.value })}
          />
          <div className="contract-form__item-actions">
            <Button variant="secondary" disabled={index === 0} onClick={() => onChange(moveItem(rows, index, -1))}>
              {t("contracts.form.moveUp")}
            </Button>
            <Button variant="secondary" disabled={index === rows.length - 1} onClick={() => onChange(moveItem(rows, index, 1))}>
              {t("contracts.form.moveDown")}
            </Button>
            <Button variant="secondary" className="button--danger-outline" onClick={() => onChange(rows.filter((_, rowIndex) => rowIndex !== index))}>
              {t("contracts.form.remove")}
            </Button>
          </div>
        </fieldset>
      ))}
      {errorOf("termsSections") && <p className="field__error">{errorOf("termsSections")}</p>}
      <Button variant="secondary" onClick={() => onChange([...rows, newTermsSection()])}>
        {t("contracts.form.terms.add")}
      </Button>
    </section>
  );
}

function GuaranteesField({ selected, onChange, error }: { selected: GuaranteeKind[]; onChange: (kinds: GuaranteeKind[]) => void; error?: string | undefined }) {
  const { t } = useTranslation();

  function toggle(kind: GuaranteeKind, isChecked: boolean) {
    const next = new Set(selected);
    if (isChecked) next.add(kind);
    else next.delete(kind);
    // Kept in the shared order, so the same choice always gives the same body.
    onChange(GUARANTEE_KINDS.filter((candidate) => next.has(candidate)));
  }

  return (
    <fieldset className="checkbox-group contract-form__group" aria-invalid={error ? true : undefined}>
      <legend className="contract-form__legend">{t("contracts.form.guarantees")}</legend>
      <p className="muted">{t("contracts.form.guaranteesHint")}</p>
      <label className="checkbox">
        <input type="checkbox" name="requiredGuarantees" value="" checked={selected.length === 0} onChange={(event) => event.target.checked && onChange([])} />
        {t("contracts.guaranteeNone")}
      </label>
      {GUARANTEE_KINDS.map((kind) => (
        <label key={kind} className="checkbox">
          <input type="checkbox" name="requiredGuarantees" value={kind} checked={selected.includes(kind)} onChange={(event) => toggle(kind, event.target.checked)} />
          {t(`contracts.guaranteeKinds.${kind}`)}
        </label>
      ))}
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}

function ContactsEditor({ rows, onChange, errorOf }: RowsEditorProps<ContactRow>) {
  const { t } = useTranslation();
  const headingId = useId();

  function update(index: number, patch: Partial<ContactRow>) {
    onChange(rows.map((row, rowIndex) => (rowIndex === index ? { ...row, ...patch } : row)));
  }

  return (
    <section className="contract-form__group" aria-labelledby={headingId}>
      <h2 id={headingId} className="contract-form__legend">
        {t("contracts.form.sections.contacts")}
      </h2>
      <p className="muted">{t("contracts.form.contactsHint")}</p>
      {rows.map((row, index) => (
        <fieldset key={row.key} className="form__fieldset contract-form__item">
          <legend>{t("contracts.form.contacts.legend", { number: index + 1 })}</legend>
          <Select
            label={t("contracts.form.contacts.side")}
            value={row.side}
            onChange={(event) => update(index, { side: event.target.value === "CONTRACTOR" ? "CONTRACTOR" : "ORDERER" })}
            options={CONTRACT_SIDES.map((side) => ({ value: side, label: t(`contracts.sides.${side}`) }))}
          />
          <div className="contract-form__row">
            <TextField
              label={t("contracts.form.contacts.name")}
              maxLength={100}
              autoComplete="off"
              value={row.name}
              error={errorOf(`contacts.${index}.name`)}
              onChange={(event) => update(index, { name: event.target.value })}
            />
            <TextField
              label={t("contracts.form.contacts.department")}
              maxLength={100}
              autoComplete="off"
              value={row.department}
              error={errorOf(`contacts.${index}.department`)}
              onChange={(event) => update(index, { department: event.target.value })}
            />
          </div>
          <div className="contract-form__row">
            <TextField
              label={t("contracts.form.contacts.phone")}
              type="tel"
              maxLength={30}
              autoComplete="off"
              value={row.phone}
              error={errorOf(`contacts.${index}.phone`)}
              onChange={(event) => update(index, { phone: event.target.value })}
            />
            <TextField
              label={t("contracts.form.contacts.email")}
              type="email"
              maxLength={254}
              autoComplete="off"
              value={row.email}
              error={errorOf(`contacts.${index}.email`)}
              onChange={(event) => update(index, { email: event.target.value })}
            />
          </div>
          <div className="contract-form__item-actions">
            <Button variant="secondary" className="button--danger-outline" onClick={() => onChange(rows.filter((_, rowIndex) => rowIndex !== index))}>
              {t("contracts.form.remove")}
            </Button>
          </div>
        </fieldset>
      ))}
      {errorOf("contacts") && <p className="field__error">{errorOf("contacts")}</p>}
      <div className="contract-form__item-actions">
        <Button variant="secondary" onClick={() => onChange([...rows, newContact("ORDERER")])}>
          {t("contracts.form.contacts.addOrderer")}
        </Button>
        <Button variant="secondary" onClick={() => onChange([...rows, newContact("CONTRACTOR")])}>
          {t("contracts.form.contacts.addContractor")}
        </Button>
      </div>
    </section>
  );
}
