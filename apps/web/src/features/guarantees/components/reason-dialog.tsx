import { GUARANTEE_REASON_MAX_LENGTH } from "@pwp/shared/guarantees";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/text-field";

type ReasonDialogProps = {
  title: string;
  intro: string;
  reasonLabel: string;
  submitLabel: string;
  isPending: boolean;
  /** The request's error, shown above the buttons. */
  error: ReactNode;
  /** The API's message for body.reason, if it named it. */
  reasonError?: string | undefined;
  onSubmit: (reason: string) => void;
  onClose: () => void;
};

/**
 * A modal <dialog> asking for a reason (request a correction, refuse): the browser traps focus, Escape closes it,
 * and the opener gets focus back. Rendered only while open.
 */
export function ReasonDialog({ title, intro, reasonLabel, submitLabel, isPending, error, reasonError, onSubmit, onClose }: ReasonDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const [reason, setReason] = useState("");
  const [isEmpty, setIsEmpty] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim() === "") {
      setIsEmpty(true);
      return;
    }
    onSubmit(reason.trim());
  }

  return (
    <dialog
      ref={dialogRef}
      className="guarantee-dialog"
      aria-labelledby={headingId}
      onCancel={(event) => {
        // Escape while the request is under way would hide its outcome.
        if (isPending) event.preventDefault();
        else onClose();
      }}
    >
      <form className="form" onSubmit={submit} noValidate>
        <h2 id={headingId}>{title}</h2>
        <p>{intro}</p>
        <TextAreaField
          label={reasonLabel}
          rows={4}
          maxLength={GUARANTEE_REASON_MAX_LENGTH}
          required
          value={reason}
          error={isEmpty ? t("guarantees.dialog.reasonRequired") : reasonError}
          onChange={(event) => {
            setIsEmpty(false);
            setReason(event.target.value);
          }}
        />
        {error}
        <div className="inline-confirm__actions">
          <Button type="submit" isLoading={isPending}>
            {submitLabel}
          </Button>
          <Button variant="secondary" onClick={onClose} disabled={isPending}>
            {t("guarantees.dialog.close")}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
