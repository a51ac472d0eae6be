// The checks every new-password form makes before asking the server (which checks the same again).
import { PASSWORD_MIN_LENGTH } from "@pwp/shared/users";
import type { TFunction } from "i18next";

export function checkNewPassword(password: string, confirmation: string, t: TFunction): { password?: string; confirmation?: string } {
  const errors: { password?: string; confirmation?: string } = {};
  if (password.length < PASSWORD_MIN_LENGTH) errors.password = t("account.errors.tooShort", { count: PASSWORD_MIN_LENGTH });
  if (confirmation !== password) errors.confirmation = t("account.errors.mismatch");
  return errors;
}
