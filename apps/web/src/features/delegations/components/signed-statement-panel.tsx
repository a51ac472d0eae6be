import type { SignedStatement } from "@pwp/shared/delegations";
import { fromBase64 } from "@pwp/pki/encoding";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { isApiError } from "@/lib/api-client";
import { useDelegationStatement } from "../api/get-delegation-statement";
import { saveBlob } from "@/lib/save-blob";
import "./delegations.css";

/** Served by the API without a session: the root and issuing CA, the CA file a verifier needs. */
const PLATFORM_CA_URL = "/api/pki/ca.pem";

/**
 * The signed statements of a delegation, exactly as signed: the text to read, and the statement and signature to
 * download and check with any CMS tool (the command is shown), independently of this platform's own word.
 */
export function SignedStatementPanel({ delegationId }: { delegationId: string }) {
  const { t } = useTranslation();
  const statements = useDelegationStatement(delegationId, true);

  if (statements.isPending) return <Spinner label={t("app.loading")} />;
  if (statements.isError) {
    return <Alert>{isApiError(statements.error, "NOT_FOUND") ? t("delegations.errors.notFound") : isApiError(statements.error, "NETWORK_ERROR") ? t("errors.network") : t("errors.unexpected")}</Alert>;
  }
  const { grant, revocation } = statements.data;
  const baseName = `delegation-${delegationId}`;
  return (
    <div className="signed-statement">
      {grant && <StatementSection title={t("delegations.statement.grant")} signed={grant} fileName={`${baseName}-grant`} />}
      {revocation && <StatementSection title={t("delegations.statement.revocation")} signed={revocation} fileName={`${baseName}-revocation`} />}
      <p className="muted">
        {t("delegations.statement.verifyHint")}{" "}
        <a href={PLATFORM_CA_URL} download="ca.pem">
          {t("delegations.statement.caLink")}
        </a>
      </p>
      <pre className="signed-statement__command">
        <code>{`openssl cms -verify -binary -inform DER -in ${baseName}-grant.p7s -content ${baseName}-grant.json -CAfile ca.pem -purpose any`}</code>
      </pre>
    </div>
  );
}

function StatementSection({ title, signed, fileName }: { title: string; signed: SignedStatement; fileName: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="signed-statement__section" aria-labelledby={headingId}>
      <h3 id={headingId} className="signed-statement__title">
        {title}
      </h3>
      {/* The exact text that was signed; a JSON object meant to be read as it is. */}
      <pre className="signed-statement__text" role="region" tabIndex={0} aria-label={t("delegations.statement.textLabel", { title })}>
        <code>{signed.statement}</code>
      </pre>
      <div className="inline-confirm__actions">
        <Button variant="secondary" onClick={() => saveBlob(new Blob([signed.statement], { type: "application/json" }), `${fileName}.json`)}>
          {t("delegations.statement.downloadStatement")}
        </Button>
        <Button
          variant="secondary"
          onClick={() => saveBlob(new Blob([fromBase64(signed.signedData)], { type: "application/pkcs7-signature" }), `${fileName}.p7s`)}
        >
          {t("delegations.statement.downloadSignature")}
        </Button>
      </div>
    </section>
  );
}
