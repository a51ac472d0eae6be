import type { GuaranteeLookupResult, VerifyGuaranteeBody } from "@pwp/shared/guarantee-lookup";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { getCurrentLocale } from "@/lib/i18n";
import { useVerifyGuarantee } from "../api/verify-guarantee";
import { describeLookupError } from "../lookup-input";
import { LookupResult } from "./lookup-result";
import { VerifyGuaranteeForm } from "./verify-guarantee-form";
import "../guarantee-verification.css";

type Lookup = { credentials: VerifyGuaranteeBody; result: GuaranteeLookupResult; id: number };

type GuaranteeLookupProps = {
  /** From /verify?number=… (readPrefilledGuaranteeNumber); never a key. */
  initialGuaranteeNumber: string;
  /** Whether a session exists: the API client then sends its token, and an orderer's user may decide. */
  isSignedIn: boolean;
};

/**
 * The verification lookup (D-Sure's counterpart): number and key in, the certificate, its signatures and history
 * out, on the same page. The credentials of the last successful lookup live in this component only, so the
 * downloads and the orderer's decision can prove them again; leaving the page forgets them.
 */
export function GuaranteeLookup({ initialGuaranteeNumber, isSignedIn }: GuaranteeLookupProps) {
  const { t } = useTranslation();
  const verify = useVerifyGuarantee();
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const lookupCount = useRef(0);

  function submit(credentials: VerifyGuaranteeBody) {
    // An earlier result must not stay on screen under a new number that may fail.
    setLookup(null);
    verify.mutate(credentials, { onSuccess: (result) => setLookup({ credentials, result, id: ++lookupCount.current }) });
  }

  return (
    <div className="guarantee-lookup">
      <VerifyGuaranteeForm
        initialGuaranteeNumber={initialGuaranteeNumber}
        isPending={verify.isPending}
        errorMessage={verify.error ? describeLookupError(verify.error, t, getCurrentLocale()) : null}
        onSubmit={submit}
      />
      {verify.isPending && (
        <p role="status" className="muted">
          {t("verify.checking")}
        </p>
      )}
      {lookup && (
        <LookupResult
          // Keyed per lookup: a new lookup starts its downloads and decision form afresh.
          key={lookup.id}
          result={lookup.result}
          credentials={lookup.credentials}
          isSignedIn={isSignedIn}
          onResultChange={(result) => setLookup({ ...lookup, result })}
        />
      )}
    </div>
  );
}
