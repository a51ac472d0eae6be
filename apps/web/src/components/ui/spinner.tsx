type SpinnerProps = {
  /** Read by screen readers; the circle itself is decoration. */
  label: string;
  size?: "small" | "large";
};

export function Spinner({ label, size = "small" }: SpinnerProps) {
  return (
    <span className={`spinner spinner--${size}`} role="status">
      <span className="spinner__circle" aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

export function FullPageSpinner({ label }: { label: string }) {
  return (
    <div className="full-page-spinner">
      <Spinner label={label} size="large" />
    </div>
  );
}
