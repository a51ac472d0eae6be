import { describe, expect, it } from "vitest";
import {
  amountInDaiji,
  amountInKoreanWords,
  formatAmount,
  formatAmountNumber,
  formatJapaneseContractAmount,
  formatKoreanContractAmount,
} from "../src/amounts";
import { CONTRACT_AMOUNT_MAX } from "../src/contracts";

describe("figures", () => {
  it("groups by three", () => {
    expect(formatAmountNumber(0)).toBe("0");
    expect(formatAmountNumber(999)).toBe("999");
    expect(formatAmountNumber(1000)).toBe("1,000");
    expect(formatAmountNumber(123_450_000)).toBe("123,450,000");
    expect(formatAmountNumber(123_450_000n)).toBe("123,450,000");
    expect(formatAmountNumber(CONTRACT_AMOUNT_MAX)).toBe("999,999,999,999,999");
  });

  it("writes the currency as each language does", () => {
    expect(formatAmount(123_450_000, "KRW", "ko")).toBe("123,450,000원");
    expect(formatAmount(123_450_000, "KRW", "ko", { symbol: true })).toBe("₩123,450,000");
    expect(formatAmount(123_450_000, "JPY", "ja")).toBe("123,450,000円");
    expect(formatAmount(123_450_000, "JPY", "ja", { symbol: true })).toBe("¥123,450,000");
    expect(formatAmount(5000, "JPY", "ko")).toBe("5,000엔");
    expect(formatAmount(5000, "KRW", "ja")).toBe("5,000ウォン");
    expect(formatAmount(123_450_000n, "KRW", "en")).toBe("KRW 123,450,000");
    expect(formatAmount(123_450_000, "JPY", "en", { symbol: true })).toBe("JPY 123,450,000");
  });

  it("refuses fractions, unsafe integers and negatives", () => {
    expect(() => formatAmountNumber(1.5)).toThrow(RangeError);
    expect(() => formatAmountNumber(Number.NaN)).toThrow(RangeError);
    expect(() => formatAmountNumber(2 ** 53)).toThrow(RangeError);
    expect(() => formatAmountNumber(-1)).toThrow(RangeError);
    expect(() => formatAmountNumber(-1n)).toThrow(RangeError);
  });
});

describe("Korean amount in words (한글 금액)", () => {
  it("writes the contract line", () => {
    expect(formatKoreanContractAmount(123_450_000, "KRW")).toBe("금 일억이천삼백사십오만원정(₩123,450,000)");
    expect(formatKoreanContractAmount(10_000, "KRW")).toBe("금 일만원정(₩10,000)");
  });

  it("keeps 일 before every unit, as public contracts write it", () => {
    expect(amountInKoreanWords(1_000_000_000)).toBe("일십억");
    expect(amountInKoreanWords(10)).toBe("일십");
    expect(amountInKoreanWords(1_100_000)).toBe("일백일십만");
    expect(amountInKoreanWords(11_000)).toBe("일만일천");
    expect(amountInKoreanWords(1)).toBe("일");
  });

  it("skips zero digits and empty groups", () => {
    expect(amountInKoreanWords(100_000_001)).toBe("일억일");
    expect(amountInKoreanWords(1_000_000_000_000)).toBe("일조");
    expect(amountInKoreanWords(1_000_000_010_000)).toBe("일조일만");
    expect(amountInKoreanWords(30_005)).toBe("삼만오");
    expect(amountInKoreanWords(2_500_000)).toBe("이백오십만");
    expect(amountInKoreanWords(987_654_321)).toBe("구억팔천칠백육십오만사천삼백이십일");
  });

  it("reaches the contract maximum and refuses anything outside 1..max", () => {
    expect(amountInKoreanWords(CONTRACT_AMOUNT_MAX)).toBe("구백구십구조구천구백구십구억구천구백구십구만구천구백구십구");
    expect(() => amountInKoreanWords(0)).toThrow(RangeError);
    expect(() => amountInKoreanWords(CONTRACT_AMOUNT_MAX + 1)).toThrow(RangeError);
    expect(() => amountInKoreanWords(10n ** 16n)).toThrow(RangeError);
    expect(() => amountInKoreanWords(12.5)).toThrow(RangeError);
  });
});

describe("Japanese amount in daiji (大字)", () => {
  it("writes the contract line", () => {
    expect(formatJapaneseContractAmount(123_450_000, "JPY")).toBe("金壱億弐千参百四拾五万円也");
    expect(formatJapaneseContractAmount(10_000n, "JPY")).toBe("金壱万円也");
  });

  it("uses 壱弐参拾 and keeps 壱 before every unit", () => {
    expect(amountInDaiji(1_000_000_000)).toBe("壱拾億");
    expect(amountInDaiji(33_000)).toBe("参万参千");
    expect(amountInDaiji(210)).toBe("弐百壱拾");
    expect(amountInDaiji(5_800_000)).toBe("五百八拾万");
    expect(amountInDaiji(2_000_000_000_003)).toBe("弐兆参");
  });

  it("reaches the contract maximum and refuses anything outside 1..max", () => {
    expect(amountInDaiji(CONTRACT_AMOUNT_MAX)).toBe("九百九拾九兆九千九百九拾九億九千九百九拾九万九千九百九拾九");
    expect(() => amountInDaiji(0)).toThrow(RangeError);
    expect(() => amountInDaiji(-5)).toThrow(RangeError);
  });
});
