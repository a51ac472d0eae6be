import { DOCUMENT_NOTE_MAX_LENGTH, INSPECTION_KINDS } from "@pwp/shared/contract-documents";
import { useTranslation } from "react-i18next";
import { Select } from "@/components/ui/select";
import { TextAreaField, TextField } from "@/components/ui/text-field";
import type { InspectionRequestValues } from "../document-form";

type InspectionRequestFieldsProps = {
  values: InspectionRequestValues;
  onChange: (values: InspectionRequestValues) => void;
  errorOf: (field: string) => string | undefined;
};

/** 検査請求 · 검사 요청: the contractor asks for a completion or a partial (progress) inspection on a date. */
export function InspectionRequestFields({ values, onChange, errorOf }: InspectionRequestFieldsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="form__fieldset">
      <legend className="contract-documents__legend">{t("contractDocuments.form.inspection.legend")}</legend>
      <Select
        label={t("contractDocuments.form.inspection.inspectionKind")}
        name="inspectionKind"
        value={values.inspectionKind}
        onChange={(event) => onChange({ ...values, inspectionKind: event.target.value === "PARTIAL" ? "PARTIAL" : "COMPLETION" })}
        options={INSPECTION_KINDS.map((kind) => ({ value: kind, label: t(`contractDocuments.inspectionKinds.${kind}`) }))}
      />
      {errorOf("inspectionKind") && <p className="field__error">{errorOf("inspectionKind")}</p>}
      <TextField
        label={t("contractDocuments.form.inspection.requestedDate")}
        type="date"
        name="requestedDate"
        value={values.requestedDate}
        error={errorOf("requestedDate")}
        onChange={(event) => onChange({ ...values, requestedDate: event.target.value })}
      />
      <TextAreaField
        label={t("contractDocuments.form.inspection.requestNote")}
        hint={t("contractDocuments.form.optional")}
        name="requestNote"
        rows={3}
        maxLength={DOCUMENT_NOTE_MAX_LENGTH}
        value={values.requestNote}
        error={errorOf("requestNote")}
        onChange={(event) => onChange({ ...values, requestNote: event.target.value })}
      />
    </fieldset>
  );
}
