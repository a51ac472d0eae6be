import { useTranslation } from "react-i18next";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";

/**
 * The lookup form, shown but switched off: POST /api/verify/guarantee arrives with the guarantees feature,
 * and until then the page must say so rather than accept input it cannot check.
 */
export function VerifyGuaranteeForm() {
  const { t } = useTranslation();
  return (
    <Card title={t("verify.formTitle")}>
      <Notice>{t("verify.notYet")}</Notice>
      <form className="form" noValidate onSubmit={(event) => event.preventDefault()}>
        <fieldset className="form__fieldset" disabled>
          <TextField label={t("verify.guaranteeNumber")} name="guaranteeNumber" autoComplete="off" spellCheck={false} />
          <TextField
            label={t("verify.authKey")}
            hint={t("verify.authKeyHint")}
            name="authKey"
            autoComplete="off"
            spellCheck={false}
          />
          <Button type="submit">{t("verify.submit")}</Button>
        </fieldset>
      </form>
    </Card>
  );
}
