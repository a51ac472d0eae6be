// Registration numbers of organisations, checked with their real check-digit rules.
import type { Country } from "./enums";

const KR_BRN_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const;

/** Korea's 사업자등록번호: 10 digits, the last a check digit over the first nine (weights 1,3,7,1,3,7,1,3,5). */
export function isValidKoreanBusinessNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  const d = [...digits].map(Number);
  let sum = 0;
  KR_BRN_WEIGHTS.forEach((weight, i) => (sum += d[i]! * weight));
  sum += Math.floor((d[8]! * 5) / 10);
  return (10 - (sum % 10)) % 10 === d[9];
}

/** Japan's 法人番号: 13 digits, the first a check digit over the 12 base digits (weights 1,2 from the right). */
export function isValidJapaneseCorporateNumber(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  const base = digits.slice(1);
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return 9 - (sum % 9) === Number(digits[0]);
}

/** Accepts the number with or without hyphens and spaces; returns digits only. */
export function normalizeRegistrationNumber(input: string): string {
  return input.replace(/[\s\-‐－]/g, "");
}

export function isValidRegistrationNumber(country: Country, input: string): boolean {
  const digits = normalizeRegistrationNumber(input);
  return country === "KR" ? isValidKoreanBusinessNumber(digits) : isValidJapaneseCorporateNumber(digits);
}

/** 123-45-67890 for Korea, 1-2345-6789-0123 for Japan. */
export function formatRegistrationNumber(country: Country, digits: string): string {
  if (country === "KR" && digits.length === 10) return `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
  if (country === "JP" && digits.length === 13) return `${digits[0]}-${digits.slice(1, 5)}-${digits.slice(5, 9)}-${digits.slice(9)}`;
  return digits;
}
