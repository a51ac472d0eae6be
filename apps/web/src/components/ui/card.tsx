import { useId, type ReactNode } from "react";

type CardProps = {
  title: string;
  children: ReactNode;
  className?: string;
};

/** A titled section; the heading names the region for screen-reader navigation. */
export function Card({ title, children, className }: CardProps) {
  const headingId = useId();
  return (
    <section className={["card", className].filter(Boolean).join(" ")} aria-labelledby={headingId}>
      <h2 className="card__title" id={headingId}>
        {title}
      </h2>
      <div className="card__body">{children}</div>
    </section>
  );
}
