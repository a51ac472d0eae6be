import type { ReactNode } from "react";

/** Information that is part of the page, not news: no live region, so it is read in order with the rest. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="notice">
      <div className="notice__body">{children}</div>
    </div>
  );
}
