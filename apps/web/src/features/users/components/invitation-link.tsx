import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

/** The link in a read-only field labelled "Invitation link", with a copy button whose result is announced. */
export function InvitationLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopyState("copied");
    } catch {
      // No clipboard permission (or an insecure origin): the representative copies from the field instead.
      setCopyState("failed");
    }
  }

  return (
    <div className="invitation-link">
      <TextField
        label={t("users.invite.linkLabel")}
        value={url}
        readOnly
        spellCheck={false}
        onFocus={(event) => event.currentTarget.select()}
      />
      <Button variant="secondary" onClick={() => void copy()}>
        {t("users.invite.copy")}
      </Button>
      <p className="invitation-link__status" role="status">
        {copyState === "copied" && t("users.invite.copied")}
        {copyState === "failed" && t("users.invite.copyFailed")}
      </p>
    </div>
  );
}
