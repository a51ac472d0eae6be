import { useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { getCurrentLocale } from "@/lib/i18n";
import { ACCEPTED_DOCUMENTS, formatFileSize } from "./format";

type DocumentFileInputProps = {
  label: string;
  hint: string;
  files: readonly File[];
  onChange: (files: File[]) => void;
  error?: string | null;
};

/**
 * A file picker that adds to the list instead of replacing it, shows each file with its size, and lets the user
 * remove one before sending.
 */
export function DocumentFileInput({ label, hint, files, onChange, error }: DocumentFileInputProps) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const listId = `${id}-list`;
  const language = getCurrentLocale();

  return (
    <div className={["field", error && "field--invalid"].filter(Boolean).join(" ")}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <p className="field__hint" id={hintId}>
        {hint}
      </p>
      <input
        ref={inputRef}
        id={id}
        name="documents"
        type="file"
        multiple
        accept={ACCEPTED_DOCUMENTS}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, error && errorId, files.length > 0 && listId].filter(Boolean).join(" ")}
        onChange={(event) => {
          const chosen = Array.from(event.target.files ?? []);
          // Cleared so that choosing the same file again (after removing it) fires change again.
          event.target.value = "";
          if (chosen.length > 0) onChange([...files, ...chosen]);
        }}
      />
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
      {files.length > 0 && (
        <ul className="file-list" id={listId} aria-label={t("registration.form.selectedFiles")}>
          {files.map((file, index) => (
            <li className="file-list__item" key={`${file.name}-${file.size}-${file.lastModified}-${index}`}>
              <span>{file.name}</span>
              <span className="file-list__actions">
                <span className="file-list__meta">{formatFileSize(file.size, language)}</span>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    onChange(files.filter((_, i) => i !== index));
                    inputRef.current?.focus();
                  }}
                >
                  {t("registration.form.removeFile", { name: file.name })}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
