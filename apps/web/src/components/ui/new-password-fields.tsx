import { TextField } from "@/components/ui/text-field";

type NewPasswordFieldsProps = {
  /** "Password" / "New password": the e2e tests find the fields by these names. */
  passwordLabel: string;
  confirmationLabel: string;
  passwordHint?: string;
  /** The form field names (what the browser's password manager sees). */
  passwordName: string;
  confirmationName: string;
  password: string;
  confirmation: string;
  passwordError?: string | null;
  confirmationError?: string | null;
  onPasswordChange: (value: string) => void;
  onConfirmationChange: (value: string) => void;
};

/** A new password typed twice; checkNewPassword (lib/new-password) gives the errors the two fields show. */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        label={props.passwordLabel}
        hint={props.passwordHint}
        name={props.passwordName}
        type="password"
        autoComplete="new-password"
        value={props.password}
        error={props.passwordError}
        onChange={(event) => props.onPasswordChange(event.target.value)}
      />
      <TextField
        label={props.confirmationLabel}
        name={props.confirmationName}
        type="password"
        autoComplete="new-password"
        value={props.confirmation}
        error={props.confirmationError}
        onChange={(event) => props.onConfirmationChange(event.target.value)}
      />
    </>
  );
}
