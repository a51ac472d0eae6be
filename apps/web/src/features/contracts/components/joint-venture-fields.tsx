// 共同企業体 / 공동수급체 on the contract form: whether the contractor side is one firm or a joint venture, and for a
// joint venture its name, the lead's share (the lead is the contractor chosen above) and the member firms in the
// order they sign, each with its share. The running total says when the shares add up to 100 %.
import { formatSharePercent, SHARE_BASIS_POINTS_TOTAL } from "@pwp/shared/contracts";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import type { ContractorOption } from "../api/get-contractor-options";
import { moveItem, newJointVentureMember, shareTotalBasisPoints, type ContractFormValues, type JointVentureMemberRow } from "../contract-form";

type JointVentureValues = Pick<ContractFormValues, "contractorOrganizationId" | "isJointVenture" | "jointVentureName" | "leadShare" | "jointVentureMembers">;

type JointVentureFieldsProps = {
  values: JointVentureValues;
  onChange: (patch: Partial<JointVentureValues>) => void;
  contractorOptions: readonly ContractorOption[];
  errorOf: (field: string) => string | undefined;
};

/** The single-firm / joint-venture choice; shown above the contractor picker, whose label it changes. */
export function ContractorKindChoice({ values, onChange }: Pick<JointVentureFieldsProps, "values" | "onChange">) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="radio-group contract-form__kind">
      <legend>{t("contracts.form.jointVenture.kind")}</legend>
      <label className="radio">
        <input type="radio" name={name} checked={!values.isJointVenture} onChange={() => onChange({ isJointVenture: false })} />
        {t("contracts.form.jointVenture.single")}
      </label>
      <label className="radio">
        <input
          type="radio"
          name={name}
          checked={values.isJointVenture}
          onChange={() => onChange({ isJointVenture: true, ...(values.jointVentureMembers.length === 0 ? { jointVentureMembers: [newJointVentureMember()] } : {}) })}
        />
        {t("contracts.form.jointVenture.jointVenture")}
      </label>
    </fieldset>
  );
}

export function JointVentureFields({ values, onChange, contractorOptions, errorOf }: JointVentureFieldsProps) {
  const { t } = useTranslation();
  const totalId = useId();
  if (!values.isJointVenture) return null;
  const members = values.jointVentureMembers;
  const total = shareTotalBasisPoints(values);

  function updateMember(index: number, patch: Partial<JointVentureMemberRow>) {
    onChange({ jointVentureMembers: members.map((member, memberIndex) => (memberIndex === index ? { ...member, ...patch } : member)) });
  }

  /** A firm appears once in the joint venture: the lead and the other rows' firms are not offered again. */
  function optionsFor(index: number) {
    const taken = new Set([values.contractorOrganizationId, ...members.filter((_, memberIndex) => memberIndex !== index).map((member) => member.organizationId)]);
    return [
      { value: "", label: t("contracts.form.chooseContractor") },
      ...contractorOptions
        .filter((option) => !taken.has(option.organizationId) || option.organizationId === members[index]?.organizationId)
        .map((option) => ({ value: option.organizationId, label: `${option.name} (${option.registrationNumber})` })),
    ];
  }

  return (
    <div className="contract-form__joint-venture">
      <TextField
        label={t("contracts.form.jointVenture.name")}
        hint={t("contracts.form.jointVenture.nameHint")}
        maxLength={200}
        autoComplete="off"
        value={values.jointVentureName}
        error={errorOf("jointVenture.name")}
        onChange={(event) => onChange({ jointVentureName: event.target.value })}
      />
      <TextField
        label={t("contracts.form.jointVenture.leadShare")}
        inputMode="decimal"
        autoComplete="off"
        value={values.leadShare}
        error={errorOf("jointVenture.leadShareBasisPoints")}
        onChange={(event) => onChange({ leadShare: event.target.value })}
      />
      {members.map((member, index) => (
        <fieldset key={member.key} className="form__fieldset contract-form__item">
          <legend>{t("contracts.form.jointVenture.memberLegend", { number: index + 1 })}</legend>
          <Select
            label={t("contracts.form.jointVenture.member")}
            value={member.organizationId}
            onChange={(event) => updateMember(index, { organizationId: event.target.value })}
            aria-invalid={errorOf(`jointVenture.members.${index}.organizationId`) ? true : undefined}
            options={optionsFor(index)}
          />
          {errorOf(`jointVenture.members.${index}.organizationId`) && <p className="field__error">{errorOf(`jointVenture.members.${index}.organizationId`)}</p>}
          <TextField
            label={t("contracts.form.jointVenture.memberShare")}
            inputMode="decimal"
            autoComplete="off"
            value={member.share}
            error={errorOf(`jointVenture.members.${index}.shareBasisPoints`)}
            onChange={(event) => updateMember(index, { share: event.target.value })}
          />
          <div className="contract-form__item-actions">
            <Button variant="secondary" disabled={index === 0} onClick={() => onChange({ jointVentureMembers: moveItem(members, index, -1) })}>
              {t("contracts.form.moveUp")}
            </Button>
            <Button variant="secondary" disabled={index === members.length - 1} onClick={() => onChange({ jointVentureMembers: moveItem(members, index, 1) })}>
              {t("contracts.form.moveDown")}
            </Button>
            <Button
              variant="secondary"
              className="button--danger-outline"
              onClick={() => onChange({ jointVentureMembers: members.filter((_, memberIndex) => memberIndex !== index) })}
            >
              {t("contracts.form.remove")}
            </Button>
          </div>
        </fieldset>
      ))}
      {errorOf("jointVenture.members") && <p className="field__error">{errorOf("jointVenture.members")}</p>}
      <p id={totalId} className={total !== null && total !== SHARE_BASIS_POINTS_TOTAL ? "field__error" : "muted"} role="status">
        {total === null ? t("contracts.form.jointVenture.totalUnknown") : t("contracts.form.jointVenture.total", { total: formatSharePercent(total) })}
        {errorOf("jointVenture") && ` ${errorOf("jointVenture")}`}
      </p>
      <Button variant="secondary" onClick={() => onChange({ jointVentureMembers: [...members, newJointVentureMember()] })}>
        {t("contracts.form.jointVenture.addMember")}
      </Button>
    </div>
  );
}
