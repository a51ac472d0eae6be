import { useId, type ComponentProps, type ReactNode } from "react";

type FieldFrameProps = {
  label: string;
  /** Shown under the label and read after it. */
  hint?: string;
  /** Shown under the control; also marks the control invalid for assistive technology. */
  error?: string | null;
  className?: string;
};

type ControlWiring = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

/** Label, hint and error around one control, wired to it by id; TextField and TextAreaField differ only in the control. */
function FieldFrame({ label, hint, error, className, renderControl }: FieldFrameProps & { renderControl: (wiring: ControlWiring) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(" ") || undefined;

  return (
    <div className={["field", error && "field--invalid", className].filter(Boolean).join(" ")}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {renderControl({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = Omit<ComponentProps<"input">, "id"> & FieldFrameProps;

export function TextField({ label, hint, error, className, ...inputProps }: TextFieldProps) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      error={error}
      className={className}
      renderControl={(wiring) => <input {...inputProps} {...wiring} className="field__input" />}
    />
  );
}

type TextAreaFieldProps = Omit<ComponentProps<"textarea">, "id"> & FieldFrameProps;

/** The multi-line counterpart of TextField (reasons, messages), with the same label, hint and error wiring. */
export function TextAreaField({ label, hint, error, className, ...textareaProps }: TextAreaFieldProps) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      error={error}
      className={className}
      renderControl={(wiring) => <textarea {...textareaProps} {...wiring} className="field__input field__textarea" />}
    />
  );
}
