// Money as the contract form and the contract PDF write it: whole won or yen, integers only (bigint inside, so no
// step ever goes through a float), figures with thousands separators, and the amount in words that Korean and
// Japanese contracts write next to the figures so that neither can be altered alone.
import { CONTRACT_AMOUNT_MAX, type Currency } from "./contracts";

export type AmountLocale = "ko" | "ja" | "en";

/** An amount as the API carries it (a JSON integer) or as the database holds it (bigint). */
export type AmountValue = number | bigint;

/** Turns a safe integer or a bigint into a bigint; a fraction, an unsafe integer or NaN is refused. */
function toBigInt(amount: AmountValue): bigint {
  if (typeof amount === "bigint") return amount;
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Not a whole amount: ${amount}`);
  return BigInt(amount);
}

/** 123,450,000 — grouping by three with commas, as both countries write figures on contracts. */
export function formatAmountNumber(amount: AmountValue): string {
  const value = toBigInt(amount);
  if (value < 0n) throw new RangeError(`Negative amount: ${value}`);
  return value.toString().replace(/\B(?=(\d{3})+$)/g, ",");
}

const UNIT_AFTER: Record<AmountLocale, Record<Currency, string>> = {
  ko: { KRW: "원", JPY: "엔" },
  ja: { KRW: "ウォン", JPY: "円" },
  en: { KRW: "", JPY: "" },
};
const SYMBOL: Record<Currency, string> = { KRW: "₩", JPY: "¥" };

/**
 * The amount with its currency as each language writes it: 123,450,000원 · 123,450,000円 · KRW 123,450,000.
 * With symbol: true, ₩123,450,000 / ¥123,450,000 (how the figures stand in brackets after the amount in words);
 * English always uses the ISO code, which is unambiguous where ¥ could be yuan.
 */
export function formatAmount(amount: AmountValue, currency: Currency, locale: AmountLocale, options: { symbol?: boolean } = {}): string {
  const figures = formatAmountNumber(amount);
  if (locale === "en") return `${currency} ${figures}`;
  return options.symbol ? `${SYMBOL[currency]}${figures}` : `${figures}${UNIT_AFTER[locale][currency]}`;
}

/** 1 to CONTRACT_AMOUNT_MAX: an amount in words is only written for a real contract amount, never for 0. */
function toWordableAmount(amount: AmountValue): bigint {
  const value = toBigInt(amount);
  if (value < 1n || value > BigInt(CONTRACT_AMOUNT_MAX)) {
    throw new RangeError(`An amount in words must be between 1 and ${CONTRACT_AMOUNT_MAX}: ${value}`);
  }
  return value;
}

/**
 * Writes 1 ≤ value < 10^16 with the East Asian myriad grouping: four-digit groups (units 1, 10, 100, 1000) under the
 * group words for 10^4, 10^8 and 10^12 (만/억/조 · 万/億/兆). A digit of 1 is always written (일십, 壱拾): both
 * countries' formal practice, so that nothing can be put in front of a bare unit.
 */
function writeInMyriads(value: bigint, digits: readonly string[], units: readonly string[], groups: readonly string[]): string {
  let words = "";
  let rest = value;
  for (let group = 0; rest > 0n; group++) {
    const groupValue = Number(rest % 10_000n);
    rest /= 10_000n;
    if (groupValue === 0) continue;
    let groupWords = "";
    let remaining = groupValue;
    for (let position = 0; remaining > 0; position++) {
      const digit = remaining % 10;
      remaining = Math.floor(remaining / 10);
      if (digit !== 0) groupWords = digits[digit]! + units[position]! + groupWords;
    }
    words = groupWords + groups[group]! + words;
  }
  return words;
}

const KOREAN_DIGITS = ["", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"] as const;
const KOREAN_UNITS = ["", "십", "백", "천"] as const;
const KOREAN_GROUPS = ["", "만", "억", "조"] as const;

/**
 * 한글 금액: 123,450,000 → 일억이천삼백사십오만. The leading 일 is kept before every unit (1,000,000,000 →
 * 일십억, 10,000 → 일만, 1,100,000 → 일백일십만), as Korean public contracts, cheques and receipts write amounts
 * (「금 일십억원정」), never the spoken 십억.
 */
export function amountInKoreanWords(amount: AmountValue): string {
  return writeInMyriads(toWordableAmount(amount), KOREAN_DIGITS, KOREAN_UNITS, KOREAN_GROUPS);
}

/** The line a Korean contract writes: 금 일억이천삼백사십오만원정(₩123,450,000). */
export function formatKoreanContractAmount(amount: AmountValue, currency: Currency): string {
  return `금 ${amountInKoreanWords(amount)}${UNIT_AFTER.ko[currency]}정(${formatAmount(amount, currency, "ko", { symbol: true })})`;
}

/**
 * 大字 (daiji): 壱, 弐, 参 and 拾 are the forms that cannot be turned into another numeral with a stroke, the ones
 * Japanese law prescribes for formal documents (商業登記規則 48条); 四 to 九, 百, 千 stay as they are, as in
 * 「金壱億弐千参百四拾五万円也」.
 */
const DAIJI_DIGITS = ["", "壱", "弐", "参", "四", "五", "六", "七", "八", "九"] as const;
const DAIJI_UNITS = ["", "拾", "百", "千"] as const;
const JAPANESE_GROUPS = ["", "万", "億", "兆"] as const;

/** 123,450,000 → 壱億弐千参百四拾五万 (壱 before every unit: 壱拾億, 壱万). */
export function amountInDaiji(amount: AmountValue): string {
  return writeInMyriads(toWordableAmount(amount), DAIJI_DIGITS, DAIJI_UNITS, JAPANESE_GROUPS);
}

/** The line a Japanese contract writes: 金壱億弐千参百四拾五万円也. */
export function formatJapaneseContractAmount(amount: AmountValue, currency: Currency): string {
  return `金${amountInDaiji(amount)}${UNIT_AFTER.ja[currency]}也`;
}

// ---- what people type --------------------------------------------------------------------------------------------

/** Separators people type or paste in amounts: commas, spaces and the underscore. */
const AMOUNT_SEPARATORS = /[,\s_]/g;

/**
 * The integer in `text`, or why not. Read through BigInt so no digit is rounded on the way; every value up to
 * CONTRACT_AMOUNT_MAX is below 2^53 and therefore exact as a number.
 */
export function parseAmountInput(text: string): { amount: number } | { problem: "required" | "amountNotInteger" | "amountRange" } {
  // NFKC turns the full-width digits and commas a Japanese or Korean IME types into ASCII ones.
  const digits = text.normalize("NFKC").replace(AMOUNT_SEPARATORS, "");
  if (digits === "") return { problem: "required" };
  if (!/^\d+$/.test(digits)) return { problem: "amountNotInteger" };
  const value = BigInt(digits);
  if (value < 1n || value > BigInt(CONTRACT_AMOUNT_MAX)) return { problem: "amountRange" };
  return { amount: Number(value) };
}
