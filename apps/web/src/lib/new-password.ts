// The checks every new-password form makes before asking the server (which checks the same again).
import { PASSWORD_MIN_LENGTH } from "@pwp/shared/users";
import type { TFunction } from "i18next";

export type NewPasswordErrors = { password?: string; confirmation?: string };

export function checkNewPassword(password: string, confirmation: string, t: TFunction): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  if (password.length < PASSWORD_MIN_LENGTH) errors.password = t("errors.passwordTooShort", { count: PASSWORD_MIN_LENGTH });
  if (confirmation !== password) errors.confirmation = t("errors.passwordMismatch");
  return errors;
}
