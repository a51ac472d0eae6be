import type { VerifyGuaranteeBody } from "@pwp/shared/guarantee-lookup";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/text-field";

type VerifyGuaranteeFormProps = {
  /** From /verify?number=… (the key notice's QR code); the key is always typed. */
  initialGuaranteeNumber: string;
  isPending: boolean;
  /** The server's refusal, already in words (one generic message for any wrong number/key pair). */
  errorMessage: string | null;
  onSubmit: (credentials: VerifyGuaranteeBody) => void;
};

/**
 * 보증서 조회 · 保証証書の照会: the guarantee number and the authentication key, sent as typed. Both stay in this
 * component's state (and the result's, for downloads and the orderer's decision) and nowhere else.
 */
export function VerifyGuaranteeForm({ initialGuaranteeNumber, isPending, errorMessage, onSubmit }: VerifyGuaranteeFormProps) {
  const { t } = useTranslation();
  const [guaranteeNumber, setGuaranteeNumber] = useState(initialGuaranteeNumber);
  const [authKey, setAuthKey] = useState("");
  const [missing, setMissing] = useState<{ guaranteeNumber: boolean; authKey: boolean }>({ guaranteeNumber: false, authKey: false });
  const isPrefilled = initialGuaranteeNumber !== "" && guaranteeNumber === initialGuaranteeNumber;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = { guaranteeNumber: guaranteeNumber.trim() === "", authKey: authKey.trim() === "" };
    setMissing(next);
    if (next.guaranteeNumber || next.authKey) return;
    onSubmit({ guaranteeNumber, authKey });
  }

  return (
    <Card title={t("verify.formTitle")} className="guarantee-lookup__form">
      <form className="form" noValidate onSubmit={submit}>
        {errorMessage && <Alert>{errorMessage}</Alert>}
        <TextField
          label={t("verify.guaranteeNumber")}
          hint={isPrefilled ? t("verify.guaranteeNumberPrefilled") : t("verify.guaranteeNumberHint")}
          name="guaranteeNumber"
          value={guaranteeNumber}
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          error={missing.guaranteeNumber ? t("verify.errors.numberRequired") : null}
          onChange={(event) => setGuaranteeNumber(event.target.value)}
        />
        <TextField
          label={t("verify.authKey")}
          hint={t("verify.authKeyHint")}
          name="authKey"
          value={authKey}
          maxLength={60}
          // The key is case-sensitive: a phone must not capitalise or "correct" it.
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          // Opened from the QR code, the number is there already: the key is what is left to type.
          autoFocus={initialGuaranteeNumber !== ""}
          error={missing.authKey ? t("verify.errors.keyRequired") : null}
          onChange={(event) => setAuthKey(event.target.value)}
        />
        <div>
          <Button type="submit" isLoading={isPending}>
            {t("verify.submit")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
