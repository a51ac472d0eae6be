import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "./button";
import { TextAreaField } from "./text-field";

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
  /** The reason's longest length, as the API's schema allows it. */
  maxLength: number;
  /** Shown when the reason is left empty, and the close button's label: in the caller's words. */
  requiredMessage: string;
  closeLabel: string;
  onSubmit: (reason: string) => void;
  onClose: () => void;
};

/**
 * A modal <dialog> asking for a reason (returning or cancelling a contract, asking for a correction or refusing a
 * guarantee): the browser traps focus, Escape closes it, and focus goes back to the button that opened it.
 * Rendered only while open.
 */
export function ReasonDialog(props: ReasonDialogProps) {
  const { title, intro, reasonLabel, submitLabel, isPending, error, reasonError, maxLength, requiredMessage, closeLabel, onSubmit, onClose } = props;
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
      className="reason-dialog"
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
          maxLength={maxLength}
          required
          value={reason}
          error={isEmpty ? requiredMessage : reasonError}
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
            {closeLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
