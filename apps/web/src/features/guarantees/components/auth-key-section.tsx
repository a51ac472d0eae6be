import { formatAuthKey } from "@pwp/shared/guarantees";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { guaranteeAuthKeyQueryOptions } from "../api/get-guarantee-auth-key";
import { describeGuaranteeError } from "./describe-guarantee-error";

/**
 * 認証キー · 인증키: hidden until asked for, fetched on that click, and forgotten when hidden again (the view that
 * holds the query unmounts and gcTime 0 drops it), so the key is not left on screen or in memory.
 */
export function AuthKeySection({ guaranteeId, guaranteeNumber }: { guaranteeId: string; guaranteeNumber: string | null }) {
  const { t } = useTranslation();
  const [isShown, setIsShown] = useState(false);
  return (
    <div className="guarantee-auth-key">
      <p className="muted">{t("guarantees.authKey.intro")}</p>
      {isShown ? (
        <AuthKeyView guaranteeId={guaranteeId} guaranteeNumber={guaranteeNumber} onHide={() => setIsShown(false)} />
      ) : (
        <Button variant="secondary" onClick={() => setIsShown(true)}>
          {t("guarantees.authKey.show")}
        </Button>
      )}
    </div>
  );
}

function AuthKeyView({ guaranteeId, guaranteeNumber, onHide }: { guaranteeId: string; guaranteeNumber: string | null; onHide: () => void }) {
  const { t } = useTranslation();
  const labelId = useId();
  const authKey = useQuery(guaranteeAuthKeyQueryOptions(guaranteeId));
  return (
    <>
      {authKey.isPending && <Spinner label={t("guarantees.authKey.loading")} />}
      {authKey.error && <Alert>{describeGuaranteeError(authKey.error, t)}</Alert>}
      {authKey.data && (
        <dl className="details guarantee-auth-key__value">
          <div className="details__row">
            <dt>{t("guarantees.fields.guaranteeNumber")}</dt>
            <dd className="details__number">{authKey.data.guaranteeNumber || guaranteeNumber}</dd>
          </div>
          <div className="details__row">
            <dt id={labelId}>{t("guarantees.authKey.label")}</dt>
            {/* Grouped 4-4-4-2 as on the notice; the lookup ignores the hyphens. */}
            <dd aria-labelledby={labelId}>
              <code className="guarantee-auth-key__key">{formatAuthKey(authKey.data.authKey)}</code>
            </dd>
          </div>
        </dl>
      )}
      <div>
        <Button variant="secondary" onClick={onHide}>
          {t("guarantees.authKey.hide")}
        </Button>
      </div>
    </>
  );
}
