import type { OrganizationSettings } from "@pwp/shared/certificates";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { describeFormError } from "@/lib/form-errors";
import { useUpdateOrganizationSettings } from "../api/update-organization-settings";
import "./organization-settings.css";

type OrganizationSettingsCardProps = {
  settings: OrganizationSettings;
  /** Only a certificate session may turn certificate sign-in on (the representative must not lock themselves out). */
  isCertificateSession: boolean;
  onSaved: (settings: OrganizationSettings) => void;
};

/** The representative's organisation settings: for now, whether every user must sign in with a certificate. */
export function OrganizationSettingsCard({ settings, isCertificateSession, onSaved }: OrganizationSettingsCardProps) {
  const { t } = useTranslation();
  const switchId = useId();
  const hintId = useId();
  const update = useUpdateOrganizationSettings(onSaved);
  const errorMessage = describeFormError(update.error, t, { byCode: { CONFLICT: t("certificateSignIn.setting.needsCertificateSession") } });
  // While saving, show the value asked for, so the switch does not jump back and forth.
  const isOn = update.isPending && update.variables ? update.variables.requireCertificateSignIn : settings.requireCertificateSignIn;

  return (
    <Card title={t("certificateSignIn.setting.title")} className="organization-settings">
      {errorMessage && <Alert>{errorMessage}</Alert>}
      <div className="organization-settings__switch">
        <input
          id={switchId}
          type="checkbox"
          role="switch"
          checked={isOn}
          disabled={update.isPending}
          aria-describedby={hintId}
          onChange={(event) => update.mutate({ requireCertificateSignIn: event.target.checked })}
        />
        <label htmlFor={switchId}>{t("certificateSignIn.setting.label")}</label>
      </div>
      <p id={hintId} className="organization-settings__hint">
        {t("certificateSignIn.setting.hint")}
      </p>
      {!isCertificateSession && !settings.requireCertificateSignIn && <Notice>{t("certificateSignIn.setting.passwordSessionNotice")}</Notice>}
    </Card>
  );
}
