import { useId } from "react";

type RadioGroupProps = {
  legend: string;
  hint?: string;
  /** The inputs' name: unique per group on the page, so each group keeps its own choice. */
  name: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
};

/** A yes/no or one-of choice as radio buttons in a fieldset: the legend names the group for screen readers. */
export function RadioGroup({ legend, hint, name, value, options, onChange }: RadioGroupProps) {
  const hintId = useId();
  return (
    <fieldset className="checkbox-group guarantee-radio-group" aria-describedby={hint ? hintId : undefined}>
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {options.map((option) => (
        <label key={option.value} className="checkbox">
          <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
