import type { ReactNode } from "react";

type AlertProps = {
  tone?: "error" | "warning";
  children: ReactNode;
};

/** A message the user must notice now: role="alert" makes screen readers announce it as soon as it appears. */
export function Alert({ tone = "error", children }: AlertProps) {
  // The icon is drawn by CSS, so the alert's text is exactly its message.
  return (
    <div className={`alert alert--${tone}`} role="alert">
      <div className="alert__body">{children}</div>
    </div>
  );
}
