import { useId, type SelectHTMLAttributes } from "react";

export type SelectOption = { value: string; label: string; lang?: string };

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "children"> & {
  label: string;
  options: readonly SelectOption[];
};

export function Select({ label, options, className, ...selectProps }: SelectProps) {
  const id = useId();
  return (
    <div className={["select", className].filter(Boolean).join(" ")}>
      <label className="select__label" htmlFor={id}>
        {label}
      </label>
      <select {...selectProps} id={id} className="select__control">
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
