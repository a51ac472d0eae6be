import { parseAmountInput } from "@pwp/shared/amounts";
import type { CurrentUser } from "@pwp/shared/auth";
import { CURRENCY_BY_COUNTRY, GUARANTEE_KINDS, type Currency, type GuaranteeKind } from "@pwp/shared/contracts";
import {
  GUARANTEE_CONTACTS_MAX,
  GUARANTEE_DELIVERIES,
  GUARANTEE_FEE_PAYMENT_METHODS,
  GUARANTEE_MESSAGE_MAX_LENGTH,
  GUARANTEE_TEXT_MAX_LENGTH,
  KINDS_WITH_DEPOSIT_BANK,
  type GuaranteeDetail,
} from "@pwp/shared/guarantees";
import { useQueryClient } from "@tanstack/react-query";
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
import { contractDetailQueryOptions } from "../api/get-contract-detail";
import { useContractOptions } from "../api/get-contract-options";
import { useSuretyOptions, type SuretyOption } from "../api/get-surety-options";
import { useCreateGuaranteeDrafts } from "../api/create-guarantee";
import { useUpdateGuarantee } from "../api/update-guarantee";
import {
  applyContract,
  computeGuaranteeShare,
  currencyOf,
  emptyGuaranteeForm,
  guaranteeFormFromDetail,
  KINDS_WITH_TARGET_AMOUNT,
  newContactRow,
  placeKindFieldErrors,
  toGuaranteeBodies,
  toUpdateBody,
  type ContactRow,
  type DraftsOutcome,
  type GuaranteeFormProblems,
  type GuaranteeFormValues,
  type KindValues,
} from "../guarantee-form";
import { DeleteDraftButton } from "./delete-draft-button";
import { describeGuaranteeError, isGuaranteeConflict } from "./describe-guarantee-error";
import { formatMoney } from "./format";
import { RadioGroup } from "./radio-group";
import "../guarantees.css";

type GuaranteeFormPageProps = { user: CurrentUser } & ({ mode: "create" } | { mode: "edit"; guarantee: GuaranteeDetail; onReload: () => Promise<GuaranteeDetail | undefined> });

/** 保証申込 · 보증 신청: the Net Desk application form (seed 004), as a new draft or the revision of one. */
export function GuaranteeFormPage(props: GuaranteeFormPageProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const language = getCurrentLocale();
  const guarantee = props.mode === "edit" ? props.guarantee : null;
  const { user } = props;
  const [values, setValues] = useState<GuaranteeFormValues>(() =>
    guarantee ? guaranteeFormFromDetail(guarantee) : emptyGuaranteeForm({ feeBilledTo: user.organization.nameLocal, notificationEmail: user.email }),
  );
  const [version, setVersion] = useState(guarantee?.version ?? 1);
  const [problems, setProblems] = useState<GuaranteeFormProblems>({});
  const [partial, setPartial] = useState<DraftsOutcome | null>(null);
  const [contractLoad, setContractLoad] = useState<{ isLoading: boolean; error: unknown }>({ isLoading: false, error: null });
  const create = useCreateGuaranteeDrafts();
  const update = useUpdateGuarantee();
  const contracts = useContractOptions();
  const sureties = useSuretyOptions();

  const saveError: unknown = guarantee ? update.error : (partial?.failure?.error ?? create.error);
  const failedKind = guarantee ? guarantee.kind : (partial?.failure?.kind ?? null);
  const apiErrors = failedKind ? placeKindFieldErrors(failedKind, readFieldErrors(saveError)) : readFieldErrors(saveError);
  const hasFieldErrors = Object.keys(problems).length > 0 || Object.keys(apiErrors).length > 0;
  const isConflict = isGuaranteeConflict(saveError);
  const isSaving = create.isPending || update.isPending;
  const currency: Currency = guarantee?.currency ?? currencyOf(values, contracts.data ?? [], CURRENCY_BY_COUNTRY[user.organization.country]);
  const isFromContract = values.source === "contract";

  const title = guarantee ? t("guarantees.form.editTitle", { kind: t(`guarantees.kinds.${guarantee.kind}`) }) : t("guarantees.form.createTitle");

  function errorOf(field: string): string | undefined {
    const problem = problems[field];
    return problem ? t(`guarantees.form.problems.${problem}`) : apiErrors[field];
  }

  function change<K extends keyof GuaranteeFormValues>(key: K, value: GuaranteeFormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function changeKind(kind: GuaranteeKind, patch: Partial<KindValues>) {
    setValues((current) => ({ ...current, byKind: { ...current.byKind, [kind]: { ...current.byKind[kind], ...patch } } }));
  }

  async function chooseContract(contractId: string) {
    change("contractId", contractId);
    if (contractId === "") return;
    setContractLoad({ isLoading: true, error: null });
    try {
      const contract = await queryClient.fetchQuery(contractDetailQueryOptions(contractId));
      setValues((current) => (current.contractId === contractId ? applyContract(current, contract) : current));
      setContractLoad({ isLoading: false, error: null });
    } catch (error) {
      setContractLoad({ isLoading: false, error });
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.reset();
    update.reset();
    setPartial(null);
    if (guarantee) {
      const result = toUpdateBody(values, version);
      setProblems("problems" in result ? result.problems : {});
      if ("body" in result) {
        update.mutate({ guaranteeId: guarantee.id, body: result.body }, { onSuccess: (saved) => void navigate(paths.guarantee.getHref(saved.id)) });
      }
      return;
    }
    const result = toGuaranteeBodies(values);
    setProblems("problems" in result ? result.problems : {});
    if (!("bodies" in result)) return;
    create.mutate(
      result.bodies.map(({ body }) => body),
      {
        onSuccess: (outcome) => {
          if (outcome.failure === null) {
            // One application: its page, where it is submitted. Several: the list, where they all show.
            const [only] = outcome.created;
            void navigate(outcome.created.length === 1 && only ? paths.guarantee.getHref(only.id) : paths.guarantees.getHref());
            return;
          }
          // The saved ones stay saved: their kinds leave the form so that sending again does not duplicate them.
          const savedKinds = new Set(outcome.created.map((detail) => detail.kind));
          setValues((current) => ({ ...current, kinds: current.kinds.filter((kind) => !savedKinds.has(kind)) }));
          setPartial(outcome);
        },
      },
    );
  }

  /** After a 409: start again from what is saved now (someone else changed or sent it meanwhile). */
  async function reloadCurrent() {
    if (props.mode !== "edit") return;
    const current = await props.onReload();
    if (!current) return;
    if (!current.allowedActions.includes("EDIT")) {
      void navigate(paths.guarantee.getHref(current.id));
      return;
    }
    setValues(guaranteeFormFromDetail(current));
    setVersion(current.version);
    setProblems({});
    update.reset();
  }

  const selectedSurety = guarantee?.surety;
  const suretyOptions: SuretyOption[] = [...(sureties.data ?? [])];
  // An application's surety stays selectable even if it has since left the contractor's counterparty list.
  if (selectedSurety && !suretyOptions.some((option) => option.organizationId === selectedSurety.id)) {
    suretyOptions.unshift({ organizationId: selectedSurety.id, name: selectedSurety.nameLocal, registrationNumber: selectedSurety.registrationNumber });
  }
  const contractOptions = contracts.data ?? [];
  const contractAmount = parseAmountInput(values.contractAmount);

  return (
    <div className="guarantees guarantee-form-page">
      <DocumentTitle page={title} />
      <div className="page-heading">
        <h1>{title}</h1>
        <p className="page-heading__lead">{t("guarantees.form.intro")}</p>
      </div>
      {guarantee?.status === "CORRECTION_REQUESTED" && <Notice>{t("guarantees.form.correctionNotice")}</Notice>}

      <form className="form panel guarantee-form" onSubmit={submit} noValidate aria-label={title}>
        {partial && partial.created.length > 0 && (
          <Notice>
            {t("guarantees.form.partiallySaved", { kinds: partial.created.map((detail) => t(`guarantees.kinds.${detail.kind}`)).join(", ") })}{" "}
            <Link to={paths.guarantees.getHref()}>{t("guarantees.form.toList")}</Link>
          </Notice>
        )}
        {saveError !== null && saveError !== undefined && (
          <Alert>
            {failedKind && !guarantee && `${t(`guarantees.kinds.${failedKind}`)}: `}
            {describeGuaranteeError(saveError, t)}
            {!isConflict && hasFieldErrors && ` ${t("errors.checkFields")}`}
            {isConflict && guarantee && (
              <span className="guarantee-form__reload">
                <Button variant="secondary" onClick={() => void reloadCurrent()}>
                  {t("guarantees.form.reloadCurrent")}
                </Button>
              </span>
            )}
          </Alert>
        )}
        {!saveError && Object.keys(problems).length > 0 && <Alert>{t("errors.checkFields")}</Alert>}

        <fieldset className="form__fieldset guarantee-form__group">
          <legend className="guarantee-form__legend">{t("guarantees.form.sections.works")}</legend>
          <RadioGroup
            legend={t("guarantees.form.source")}
            name="source"
            value={values.source}
            options={[
              { value: "contract", label: t("guarantees.form.sourceContract") },
              { value: "standalone", label: t("guarantees.form.sourceStandalone") },
            ]}
            onChange={(source) => change("source", source === "contract" ? "contract" : "standalone")}
          />
          {isFromContract &&
            (contracts.isPending ? (
              <Spinner label={t("app.loading")} />
            ) : contracts.isError ? (
              <Alert>{describeGuaranteeError(contracts.error, t)}</Alert>
            ) : contractOptions.length === 0 ? (
              <Notice>{t("guarantees.form.noContracts")}</Notice>
            ) : (
              <>
                <Select
                  label={t("guarantees.form.contract")}
                  name="contractId"
                  value={values.contractId}
                  onChange={(event) => void chooseContract(event.target.value)}
                  aria-invalid={errorOf("contractId") ? true : undefined}
                  options={[
                    { value: "", label: t("guarantees.form.chooseContract") },
                    ...contractOptions.map((contract) => ({ value: contract.id, label: `${contract.contractNumber} · ${contract.title} (${contract.orderer.nameLocal})` })),
                  ]}
                />
                {errorOf("contractId") && <p className="field__error">{errorOf("contractId")}</p>}
                {contractLoad.isLoading && <Spinner label={t("guarantees.form.loadingContract")} />}
                {contractLoad.error !== null && <Alert>{describeGuaranteeError(contractLoad.error, t)}</Alert>}
              </>
            ))}
          {(!isFromContract || values.contractId !== "") && (
            <>
              {isFromContract && <p className="muted">{t("guarantees.form.fromContractHint")}</p>}
              <TextField
                label={t("guarantees.form.ordererName")}
                name="ordererName"
                maxLength={GUARANTEE_TEXT_MAX_LENGTH}
                readOnly={isFromContract}
                value={values.ordererName}
                error={errorOf("ordererName")}
                onChange={(event) => change("ordererName", event.target.value)}
              />
              <TextField
                label={t("guarantees.form.worksTitle")}
                name="worksTitle"
                maxLength={GUARANTEE_TEXT_MAX_LENGTH}
                readOnly={isFromContract}
                value={values.worksTitle}
                error={errorOf("worksTitle")}
                onChange={(event) => change("worksTitle", event.target.value)}
              />
              <TextField
                label={t("guarantees.form.contractAmount", { currency })}
                hint={"amount" in contractAmount ? formatMoney(contractAmount.amount, currency, language) : t("guarantees.form.amountHint")}
                name="contractAmount"
                inputMode="numeric"
                autoComplete="off"
                readOnly={isFromContract}
                value={values.contractAmount}
                error={errorOf("contractAmount")}
                onChange={(event) => change("contractAmount", event.target.value)}
              />
              <div className="guarantee-form__row">
                <TextField
                  label={t("guarantees.form.contractDate")}
                  type="date"
                  name="contractDate"
                  readOnly={isFromContract}
                  value={values.contractDate}
                  error={errorOf("contractDate")}
                  onChange={(event) => change("contractDate", event.target.value)}
                />
                <TextField
                  label={t("guarantees.form.worksStartDate")}
                  type="date"
                  name="worksStartDate"
                  readOnly={isFromContract}
                  value={values.worksStartDate}
                  error={errorOf("worksStartDate")}
                  onChange={(event) => change("worksStartDate", event.target.value)}
                />
                <TextField
                  label={t("guarantees.form.worksEndDate")}
                  type="date"
                  name="worksEndDate"
                  readOnly={isFromContract}
                  value={values.worksEndDate}
                  error={errorOf("worksEndDate")}
                  onChange={(event) => change("worksEndDate", event.target.value)}
                />
              </div>
            </>
          )}
        </fieldset>

        <fieldset className="form__fieldset guarantee-form__group">
          <legend className="guarantee-form__legend">{t("guarantees.form.sections.surety")}</legend>
          {sureties.isPending ? (
            <Spinner label={t("app.loading")} />
          ) : sureties.isError ? (
            <Alert>{describeGuaranteeError(sureties.error, t)}</Alert>
          ) : suretyOptions.length === 0 ? (
            <Notice>
              {t("guarantees.form.noSureties")} <Link to={paths.counterparties.getHref()}>{t("guarantees.form.counterpartiesLink")}</Link>
            </Notice>
          ) : (
            <Select
              label={t("guarantees.form.surety")}
              name="suretyOrganizationId"
              value={values.suretyOrganizationId}
              onChange={(event) => change("suretyOrganizationId", event.target.value)}
              aria-invalid={errorOf("suretyOrganizationId") ? true : undefined}
              options={[
                { value: "", label: t("guarantees.form.chooseSurety") },
                ...suretyOptions.map((option) => ({ value: option.organizationId, label: `${option.name} (${option.registrationNumber})` })),
              ]}
            />
          )}
          {errorOf("suretyOrganizationId") && <p className="field__error">{errorOf("suretyOrganizationId")}</p>}
        </fieldset>

        <KindsField
          isSingle={guarantee !== null}
          selected={values.kinds}
          error={errorOf("kinds") ?? errorOf("kind")}
          onChange={(kinds) => change("kinds", kinds)}
        />

        {GUARANTEE_KINDS.filter((kind) => values.kinds.includes(kind)).map((kind) => (
          <KindSection
            key={kind}
            kind={kind}
            values={values.byKind[kind]}
            contractAmount={values.contractAmount}
            currency={currency}
            errorOf={(field) => errorOf(`${kind}.${field}`)}
            onChange={(patch) => changeKind(kind, patch)}
          />
        ))}

        <fieldset className="form__fieldset guarantee-form__group">
          <legend className="guarantee-form__legend">{t("guarantees.form.sections.information")}</legend>
          <TextField
            label={t("guarantees.form.destinationBranch")}
            hint={t("guarantees.form.destinationBranchHint")}
            name="destinationBranch"
            maxLength={100}
            value={values.destinationBranch}
            error={errorOf("destinationBranch")}
            onChange={(event) => change("destinationBranch", event.target.value)}
          />
          <TextField
            label={t("guarantees.form.notificationEmail")}
            hint={t("guarantees.form.notificationEmailHint")}
            type="email"
            name="notificationEmail"
            autoComplete="email"
            maxLength={254}
            value={values.notificationEmail}
            error={errorOf("notificationEmail")}
            onChange={(event) => change("notificationEmail", event.target.value)}
          />
          <ContactsEditor rows={values.contacts} onChange={(rows) => change("contacts", rows)} errorOf={errorOf} />
          <TextAreaField
            label={t("guarantees.form.message")}
            hint={t("guarantees.form.messageHint")}
            name="message"
            rows={4}
            maxLength={GUARANTEE_MESSAGE_MAX_LENGTH}
            value={values.message}
            error={errorOf("message")}
            onChange={(event) => change("message", event.target.value)}
          />
        </fieldset>

        <div className="guarantee-form__actions">
          <Button type="submit" isLoading={isSaving}>
            {t("guarantees.form.save")}
          </Button>
          <Link className="button button--secondary" to={guarantee ? paths.guarantee.getHref(guarantee.id) : paths.guarantees.getHref()}>
            {t("guarantees.form.cancel")}
          </Link>
        </div>
        <p className="muted">{t("guarantees.form.saveHint")}</p>
      </form>

      {guarantee?.allowedActions.includes("DELETE") && (
        <section className="panel guarantee-form__danger" aria-label={t("guarantees.actions.delete")}>
          <DeleteDraftButton guaranteeId={guarantee.id} />
        </section>
      )}
    </div>
  );
}

function KindsField({ isSingle, selected, error, onChange }: { isSingle: boolean; selected: GuaranteeKind[]; error?: string | undefined; onChange: (kinds: GuaranteeKind[]) => void }) {
  const { t } = useTranslation();

  function toggle(kind: GuaranteeKind, isChecked: boolean) {
    const next = new Set(selected);
    if (isChecked) next.add(kind);
    else next.delete(kind);
    // Kept in the shared order, so the same choice always sends the drafts in the same order.
    onChange(GUARANTEE_KINDS.filter((candidate) => next.has(candidate)));
  }

  return (
    <fieldset className="checkbox-group guarantee-form__group" aria-invalid={error ? true : undefined}>
      <legend className="guarantee-form__legend">{t("guarantees.form.sections.kinds")}</legend>
      <p className="muted">{isSingle ? t("guarantees.form.kindHintSingle") : t("guarantees.form.kindsHint")}</p>
      {GUARANTEE_KINDS.map((kind) => (
        <label key={kind} className="checkbox">
          <input
            type={isSingle ? "radio" : "checkbox"}
            name="kinds"
            value={kind}
            checked={selected.includes(kind)}
            onChange={(event) => (isSingle ? onChange([kind]) : toggle(kind, event.target.checked))}
          />
          {t(`guarantees.kinds.${kind}`)}
        </label>
      ))}
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}

type KindSectionProps = {
  kind: GuaranteeKind;
  values: KindValues;
  contractAmount: string;
  currency: Currency;
  errorOf: (field: string) => string | undefined;
  onChange: (patch: Partial<KindValues>) => void;
};

/** One kind's part of the application (seed 004: 前払金保証 / 契約保証 each with their amount, fee and delivery). */
function KindSection({ kind, values, contractAmount, currency, errorOf, onChange }: KindSectionProps) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const hasTarget = KINDS_WITH_TARGET_AMOUNT.includes(kind);
  const hasDepositBank = KINDS_WITH_DEPOSIT_BANK.includes(kind);
  const share = computeGuaranteeShare({ guaranteeAmount: values.guaranteeAmount, targetAmountThisYear: hasTarget ? values.targetAmountThisYear : "", contractAmount });
  const amount = parseAmountInput(values.guaranteeAmount);
  const shareText = share
    ? t(share.base === "target" ? "guarantees.form.shareOfTarget" : "guarantees.form.shareOfContract", {
        percent: share.percent,
        base: formatMoney(share.baseAmount, currency, language),
      })
    : t("guarantees.form.shareUnknown");

  return (
    <fieldset className="form__fieldset guarantee-form__kind">
      <legend>{t(`guarantees.kinds.${kind}`)}</legend>
      {hasTarget && (
        <TextField
          label={t("guarantees.form.targetAmountThisYear", { currency })}
          hint={t("guarantees.form.targetAmountHint")}
          inputMode="numeric"
          autoComplete="off"
          value={values.targetAmountThisYear}
          error={errorOf("targetAmountThisYear")}
          onChange={(event) => onChange({ targetAmountThisYear: event.target.value })}
        />
      )}
      <TextField
        label={t("guarantees.form.guaranteeAmount", { currency })}
        hint={"amount" in amount ? `${formatMoney(amount.amount, currency, language)} · ${shareText}` : t("guarantees.form.amountHint")}
        inputMode="numeric"
        autoComplete="off"
        value={values.guaranteeAmount}
        error={errorOf("guaranteeAmount")}
        onChange={(event) => onChange({ guaranteeAmount: event.target.value })}
      />
      {/* Announced as it changes, like the 0.0% beside the amount on the Net Desk form. */}
      <p className="guarantee-form__share" aria-live="polite">
        <span className="muted">{t("guarantees.form.share")}: </span>
        <output>{share ? share.percent : "—"}</output>
      </p>
      <div className="guarantee-form__row">
        <TextField
          label={t("guarantees.form.guaranteeStartDate")}
          type="date"
          value={values.guaranteeStartDate}
          error={errorOf("guaranteeStartDate")}
          onChange={(event) => onChange({ guaranteeStartDate: event.target.value })}
        />
        <TextField
          label={t("guarantees.form.guaranteeEndDate")}
          type="date"
          value={values.guaranteeEndDate}
          error={errorOf("guaranteeEndDate")}
          onChange={(event) => onChange({ guaranteeEndDate: event.target.value })}
        />
      </div>
      {hasDepositBank && (
        <>
          <div className="guarantee-form__row">
            <TextField
              label={t("guarantees.form.depositBankName")}
              maxLength={100}
              value={values.depositBankName}
              error={errorOf("depositBankName")}
              onChange={(event) => onChange({ depositBankName: event.target.value })}
            />
            <TextField
              label={t("guarantees.form.depositBranchName")}
              maxLength={100}
              value={values.depositBranchName}
              error={errorOf("depositBranchName")}
              onChange={(event) => onChange({ depositBranchName: event.target.value })}
            />
          </div>
          <RadioGroup
            legend={t("guarantees.form.reDeposit")}
            name={`${kind}-reDeposit`}
            value={values.usesReDeposit ? "yes" : "no"}
            options={[
              { value: "no", label: t("guarantees.form.reDepositNo") },
              { value: "yes", label: t("guarantees.form.reDepositYes") },
            ]}
            onChange={(value) => onChange({ usesReDeposit: value === "yes" })}
          />
        </>
      )}
      <div className="guarantee-form__row">
        <Select
          label={t("guarantees.form.feePaymentMethod")}
          value={values.feePaymentMethod}
          options={GUARANTEE_FEE_PAYMENT_METHODS.map((method) => ({ value: method, label: t(`guarantees.feePaymentMethods.${method}`) }))}
          onChange={(event) => onChange({ feePaymentMethod: event.target.value === "INSTALLMENTS" ? "INSTALLMENTS" : "LUMP_SUM" })}
        />
        <TextField
          label={t("guarantees.form.feeBilledTo")}
          maxLength={GUARANTEE_TEXT_MAX_LENGTH}
          value={values.feeBilledTo}
          error={errorOf("feeBilledTo")}
          onChange={(event) => onChange({ feeBilledTo: event.target.value })}
        />
      </div>
      <RadioGroup
        legend={t("guarantees.form.delivery")}
        hint={t("guarantees.form.deliveryHint")}
        name={`${kind}-delivery`}
        value={values.delivery}
        options={GUARANTEE_DELIVERIES.map((delivery) => ({ value: delivery, label: t(`guarantees.deliveries.${delivery}`) }))}
        onChange={(value) => onChange({ delivery: value === "PAPER" ? "PAPER" : "ELECTRONIC" })}
      />
      <RadioGroup
        legend={t("guarantees.form.paperFeeStatement")}
        hint={t("guarantees.form.paperFeeStatementHint")}
        name={`${kind}-paperFeeStatement`}
        value={values.wantsPaperFeeStatement ? "yes" : "no"}
        options={[
          { value: "yes", label: t("guarantees.form.paperFeeStatementYes") },
          { value: "no", label: t("guarantees.form.paperFeeStatementNo") },
        ]}
        onChange={(value) => onChange({ wantsPaperFeeStatement: value === "yes" })}
      />
    </fieldset>
  );
}

function ContactsEditor({ rows, onChange, errorOf }: { rows: ContactRow[]; onChange: (rows: ContactRow[]) => void; errorOf: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  const headingId = useId();

  function update(index: number, patch: Partial<ContactRow>) {
    onChange(rows.map((row, rowIndex) => (rowIndex === index ? { ...row, ...patch } : row)));
  }

  return (
    <section className="guarantee-form__group" aria-labelledby={headingId}>
      <h2 id={headingId} className="guarantee-form__subheading">
        {t("guarantees.form.contacts.title")}
      </h2>
      <p className="muted">{t("guarantees.form.contacts.hint")}</p>
      {rows.map((row, index) => (
        <fieldset key={row.key} className="form__fieldset guarantee-form__kind">
          <legend>{t("guarantees.form.contacts.legend", { number: index + 1 })}</legend>
          <div className="guarantee-form__row">
            <TextField
              label={t("guarantees.form.contacts.name")}
              maxLength={100}
              autoComplete="off"
              value={row.name}
              error={errorOf(`contacts.${index}.name`)}
              onChange={(event) => update(index, { name: event.target.value })}
            />
            <TextField
              label={t("guarantees.form.contacts.department")}
              maxLength={100}
              autoComplete="off"
              value={row.department}
              error={errorOf(`contacts.${index}.department`)}
              onChange={(event) => update(index, { department: event.target.value })}
            />
          </div>
          <div className="guarantee-form__row">
            <TextField
              label={t("guarantees.form.contacts.phone")}
              type="tel"
              maxLength={30}
              autoComplete="off"
              value={row.phone}
              error={errorOf(`contacts.${index}.phone`)}
              onChange={(event) => update(index, { phone: event.target.value })}
            />
            <TextField
              label={t("guarantees.form.contacts.email")}
              type="email"
              maxLength={254}
              autoComplete="off"
              value={row.email}
              error={errorOf(`contacts.${index}.email`)}
              onChange={(event) => update(index, { email: event.target.value })}
            />
          </div>
          <div>
            <Button variant="secondary" className="button--danger-outline" onClick={() => onChange(rows.filter((_, rowIndex) => rowIndex !== index))}>
              {t("guarantees.form.contacts.remove", { number: index + 1 })}
            </Button>
          </div>
        </fieldset>
      ))}
      {errorOf("contacts") && <p className="field__error">{errorOf("contacts")}</p>}
      <div>
        <Button variant="secondary" disabled={rows.length >= GUARANTEE_CONTACTS_MAX} onClick={() => onChange([...rows, newContactRow()])}>
          {t("guarantees.form.contacts.add")}
        </Button>
      </div>
    </section>
  );
}
