import { pickParentDelegation, type HeldDelegation } from "@pwp/shared/delegations";
import { DELEGATION_SCOPES, type DelegationScope, type UserRole } from "@pwp/shared/enums";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import { isApiError } from "@/lib/api-client";
import { describeFormError } from "@/lib/form-errors";
import { useCreateDelegation } from "../api/create-delegation";
import { describeSigningError } from "./describe-signing-error";
import { SignerField, type SigningState } from "./signer-field";

export type DelegationCandidate = { id: string; name: string; role: UserRole; isActive: boolean };

type DelegateFormProps = {
  currentUserId: string;
  organizationId: string;
  isRepresentative: boolean;
  /** The delegations the user holds and could pass on (GET /api/me/authority); the parent is picked among them. */
  heldDelegations: readonly HeldDelegation[];
  signing: SigningState;
  /** The organisation's users; the form offers the active ones other than the caller and the representative. */
  /** undefined while the organisation's users are still loading. */
  candidates: readonly DelegationCandidate[] | undefined;
};

type FieldName = "agentId" | "scopes" | "validFrom" | "validUntil";

/** A Date as the value of <input type="datetime-local">, in the browser's time zone. */
function toLocalInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/**
 * The delegation a sub-delegation hangs from, which the signed statement names: picked by the rule the server
 * checks. A start in the past minute is "now", which the server records as the moment of creation: compare from then.
 */
function pickParent(held: readonly HeldDelegation[], scopes: DelegationScope[], from: Date, until: Date): HeldDelegation | null {
  return pickParentDelegation(held, { scopes, validFrom: new Date(Math.max(from.getTime(), Date.now())), validUntil: until });
}

export function DelegateForm({ currentUserId, organizationId, isRepresentative, heldDelegations, signing, candidates }: DelegateFormProps) {
  const { t } = useTranslation();
  const agentSelectId = useId();
  const agentErrorId = useId();
  const createDelegation = useCreateDelegation();
  const agents = (candidates ?? []).filter((user) => user.isActive && user.id !== currentUserId && user.role !== "REPRESENTATIVE");
  const [agentId, setAgentId] = useState("");
  const [scopes, setScopes] = useState<DelegationScope[]>([]);
  const [validFrom, setValidFrom] = useState(() => toLocalInputValue(new Date()));
  const [validUntil, setValidUntil] = useState(() => toLocalInputValue(new Date(Date.now() + 30 * 24 * 3600_000)));
  const [localErrors, setLocalErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [doneFor, setDoneFor] = useState<string | null>(null);

  const error = createDelegation.error;
  const serverErrors: Partial<Record<FieldName, string>> = {};
  if (isApiError(error)) {
    for (const { field } of error.fields) {
      const name = field.replace(/^body\./, "").replace(/\.\d+$/, "") as FieldName;
      if (name === "scopes") serverErrors.scopes ??= error.code === "FORBIDDEN" ? t("delegations.errors.scopeNotCovered") : t("delegations.errors.chooseScope");
      if (name === "agentId") serverErrors.agentId ??= t("delegations.errors.invalidAgent");
      if (name === "validFrom")
        serverErrors.validFrom ??= error.code === "FORBIDDEN" ? t("delegations.errors.periodNotCovered") : t("delegations.errors.startInPast");
      if (name === "validUntil")
        serverErrors.validUntil ??= error.code === "FORBIDDEN" ? t("delegations.errors.periodNotCovered") : t("delegations.errors.endBeforeStart");
    }
  }
  const errors = { ...serverErrors, ...localErrors };
  const formError =
    describeSigningError(error, t) ??
    describeFormError(error, t, {
      hasFieldErrors: Object.values(errors).some(Boolean),
      byCode: { FORBIDDEN: t("delegations.errors.forbidden"), CONFLICT: t("delegations.errors.alreadyRevoked") },
    });

  function clear(field: FieldName) {
    setLocalErrors((state) => ({ ...state, [field]: undefined }));
    setDoneFor(null);
  }

  function toggleScope(scope: DelegationScope, isChecked: boolean) {
    setScopes((current) => (isChecked ? [...current, scope] : current.filter((value) => value !== scope)));
    clear("scopes");
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    createDelegation.reset();
    const from = new Date(validFrom);
    const until = new Date(validUntil);
    const problems: Partial<Record<FieldName, string>> = {};
    if (!agentId) problems.agentId = t("errors.required");
    if (scopes.length === 0) problems.scopes = t("delegations.errors.chooseScope");
    if (Number.isNaN(from.getTime())) problems.validFrom = t("errors.required");
    if (Number.isNaN(until.getTime())) problems.validUntil = t("errors.required");
    else if (!Number.isNaN(from.getTime()) && until <= from) problems.validUntil = t("delegations.errors.endBeforeStart");
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0 || !signing.signer) return;
    const agentName = agents.find((agent) => agent.id === agentId)?.name ?? "";
    const parent = isRepresentative ? null : pickParent(heldDelegations, scopes, from, until);
    createDelegation.mutate(
      {
        // When nothing the user holds covers the request, the server says which field is out of reach.
        request: { agentId, scopes, validFrom: from.toISOString(), validUntil: until.toISOString(), parentId: parent?.id ?? null },
        organizationId,
        grantorId: currentUserId,
        signer: signing.signer,
      },
      {
        onSuccess: () => {
          setDoneFor(agentName);
          setAgentId("");
          setScopes([]);
        },
      },
    );
  }

  return (
    <Card title={t("delegations.form.title")} className="delegate-form">
      {!isRepresentative && <p className="muted">{t("delegations.form.subDelegationHint")}</p>}
      {candidates === undefined ? (
        <Spinner label={t("app.loading")} />
      ) : agents.length === 0 ? (
        <p className="empty-state">{t("delegations.form.noAgents")}</p>
      ) : (
        <form className="form" noValidate onSubmit={handleSubmit}>
          {formError && <Alert>{formError}</Alert>}
          {doneFor !== null && <Notice>{t("delegations.form.done", { name: doneFor })}</Notice>}
          <div className={["select", errors.agentId && "field--invalid"].filter(Boolean).join(" ")}>
            <label className="select__label" htmlFor={agentSelectId}>
              {t("delegations.form.agent")}
            </label>
            <select
              id={agentSelectId}
              className="select__control"
              name="agentId"
              value={agentId}
              aria-invalid={errors.agentId ? true : undefined}
              aria-describedby={errors.agentId ? agentErrorId : undefined}
              onChange={(event) => {
                setAgentId(event.target.value);
                clear("agentId");
              }}
            >
              <option value="">{t("delegations.form.chooseAgent")}</option>
              {agents.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name} ({t(`roles.${agent.role}`)})
                </option>
              ))}
            </select>
            {errors.agentId && (
              <p className="field__error" id={agentErrorId}>
                {errors.agentId}
              </p>
            )}
          </div>
          <fieldset className="checkbox-group" aria-invalid={errors.scopes ? true : undefined}>
            <legend className="field__label">{t("delegations.form.scopes")}</legend>
            {DELEGATION_SCOPES.map((scope) => (
              <label key={scope} className="checkbox">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  checked={scopes.includes(scope)}
                  onChange={(event) => toggleScope(scope, event.target.checked)}
                />
                {t(`delegations.scopes.${scope}`)}
              </label>
            ))}
            {errors.scopes && <p className="field__error">{errors.scopes}</p>}
          </fieldset>
          <TextField
            label={t("delegations.form.validFrom")}
            name="validFrom"
            type="datetime-local"
            value={validFrom}
            error={errors.validFrom}
            onChange={(event) => {
              setValidFrom(event.target.value);
              clear("validFrom");
            }}
          />
          <TextField
            label={t("delegations.form.validUntil")}
            name="validUntil"
            type="datetime-local"
            value={validUntil}
            error={errors.validUntil}
            onChange={(event) => {
              setValidUntil(event.target.value);
              clear("validUntil");
            }}
          />
          <SignerField signing={signing} />
          {signing.signer && (
            <Button type="submit" isLoading={createDelegation.isPending}>
              {t("delegations.form.submit")}
            </Button>
          )}
        </form>
      )}
    </Card>
  );
}
