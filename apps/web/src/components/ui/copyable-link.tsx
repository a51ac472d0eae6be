import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

type CopyableLinkProps = {
  /** The field's accessible name, e.g. "Invitation link". */
  label: string;
  url: string;
};

/** A link in a read-only field (selectable by hand) with a "Copy link" button whose result is announced. */
export function CopyableLink({ label, url }: CopyableLinkProps) {
  const { t } = useTranslation();
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopyState("copied");
    } catch {
      // No clipboard permission (or an insecure origin): the user copies from the field instead.
      setCopyState("failed");
    }
  }

  return (
    <div className="copyable-link">
      <TextField label={label} value={url} readOnly spellCheck={false} onFocus={(event) => event.currentTarget.select()} />
      <Button variant="secondary" onClick={() => void copy()}>
        {t("copyLink.copy")}
      </Button>
      <p className="copyable-link__status" role="status">
        {copyState === "copied" && t("copyLink.copied")}
        {copyState === "failed" && t("copyLink.copyFailed")}
      </p>
    </div>
  );
}
