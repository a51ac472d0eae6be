import type { CreateCounterpartyResponse } from "@pwp/shared/counterparties";
import type { Country } from "@pwp/shared/enums";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { CopyableLink } from "@/components/ui/copyable-link";
import { Notice } from "@/components/ui/notice";
import { Tabs } from "@/components/ui/tabs";
import { paths } from "@/config/paths";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { InviteCounterpartyForm } from "./invite-counterparty-form";
import { PlatformSearch } from "./platform-search";

type Method = "platform" | "invite";

type AddCounterpartyPanelProps = {
  id: string;
  defaultCountry: Country;
  onClose: () => void;
};

/** The two ways to add a counterparty (거래처 등록): find it on the platform, or register and invite it. */
export function AddCounterpartyPanel({ id, defaultCountry, onClose }: AddCounterpartyPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [method, setMethod] = useState<Method>("platform");
  const [created, setCreated] = useState<CreateCounterpartyResponse | null>(null);

  return (
    <section id={id} className="panel add-counterparty" aria-labelledby={headingId}>
      <div className="add-counterparty__header">
        <h2 id={headingId}>{t("counterparties.add.title")}</h2>
        <Button variant="secondary" onClick={onClose}>
          {t("counterparties.add.close")}
        </Button>
      </div>
      {created ? (
        <CreatedResult created={created} onAddAnother={() => setCreated(null)} />
      ) : (
        <Tabs
          label={t("counterparties.add.methodsLabel")}
          tabs={[
            { value: "platform", label: t("counterparties.add.methods.platform") },
            { value: "invite", label: t("counterparties.add.methods.invite") },
          ]}
          selected={method}
          onSelect={setMethod}
        >
          {method === "platform" ? (
            <PlatformSearch />
          ) : (
            <InviteCounterpartyForm defaultCountry={defaultCountry} onCreated={setCreated} />
          )}
        </Tabs>
      )}
    </section>
  );
}

function CreatedResult({ created, onAddAnother }: { created: CreateCounterpartyResponse; onAddAnother: () => void }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The form the member was in is gone: move focus to what replaced it, so the result is read next.
  useEffect(() => headingRef.current?.focus(), []);
  const { invitationUrl, invitation } = created;

  return (
    <div className="created-result">
      {invitationUrl && invitation ? (
        <>
          <h3 ref={headingRef} tabIndex={-1}>
            {t("counterparties.invite.result.invitedTitle")}
          </h3>
          <p>{t("counterparties.invite.result.invitedText", { name: created.name, email: invitation.email })}</p>
          <CopyableLink label={t("counterparties.invitationLink.label")} url={invitationUrl} />
          <Notice>
            {t("counterparties.invite.result.invitedExpiry", { date: formatDateTime(new Date(invitation.expiresAt), getCurrentLocale()) })}
          </Notice>
        </>
      ) : (
        <>
          <h3 ref={headingRef} tabIndex={-1}>
            {t("counterparties.invite.result.linkedTitle")}
          </h3>
          <p>{t("counterparties.invite.result.linkedText", { name: created.name })}</p>
        </>
      )}
      <div className="button-row">
        <Link className="arrow-link" to={paths.counterparty.getHref(created.id)}>
          {t("counterparties.invite.result.openCounterparty", { name: created.name })}
        </Link>
        <Button variant="secondary" onClick={onAddAnother}>
          {t("counterparties.invite.result.addAnother")}
        </Button>
      </div>
    </div>
  );
}
