import type { ButtonHTMLAttributes } from "react";

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "secondary";
  /** Disables the button and shows progress; the label stays, so its accessible name does not change. */
  isLoading?: boolean;
  isFullWidth?: boolean;
};

export function Button({
  variant = "primary",
  isLoading = false,
  isFullWidth = false,
  className,
  disabled,
  children,
  type = "button",
  ...props
}: ButtonProps) {
  const classes = ["button", `button--${variant}`, isFullWidth && "button--full", className].filter(Boolean).join(" ");
  return (
    <button {...props} type={type} className={classes} disabled={disabled || isLoading} aria-busy={isLoading || undefined}>
      {isLoading && <span className="button__spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
