import { describe, expect, it } from "vitest";
import {
  formatRegistrationNumber,
  isValidJapaneseCorporateNumber,
  isValidKoreanBusinessNumber,
  isValidRegistrationNumber,
  normalizeRegistrationNumber,
} from "../src/registration-number";

describe("Korean business registration number", () => {
  it("accepts published numbers", () => {
    expect(isValidKoreanBusinessNumber("1248100998")).toBe(true); // Samsung Electronics
    expect(isValidKoreanBusinessNumber("2208162517")).toBe(true);
  });

  it("rejects every wrong check digit", () => {
    for (let digit = 0; digit <= 9; digit++) {
      if (digit === 8) continue;
      expect(isValidKoreanBusinessNumber(`124810099${digit}`)).toBe(false);
    }
  });

  it("rejects wrong lengths and non-digits", () => {
    expect(isValidKoreanBusinessNumber("124810099")).toBe(false);
    expect(isValidKoreanBusinessNumber("12481009981")).toBe(false);
    expect(isValidKoreanBusinessNumber("12481009a8")).toBe(false);
  });
});

describe("Japanese corporate number", () => {
  it("accepts published numbers", () => {
    expect(isValidJapaneseCorporateNumber("7000012050002")).toBe(true); // National Tax Agency
    expect(isValidJapaneseCorporateNumber("4000012090001")).toBe(true);
  });

  it("rejects every wrong check digit", () => {
    for (let digit = 0; digit <= 9; digit++) {
      if (digit === 7) continue;
      expect(isValidJapaneseCorporateNumber(`${digit}000012050002`)).toBe(false);
    }
  });
});

describe("normalising and formatting", () => {
  it("accepts hyphens and spaces", () => {
    expect(normalizeRegistrationNumber("124-81-00998")).toBe("1248100998");
    expect(isValidRegistrationNumber("KR", "124-81-00998")).toBe(true);
    expect(isValidRegistrationNumber("JP", "7-0000-1205-0002")).toBe(true);
    expect(isValidRegistrationNumber("JP", "124-81-00998")).toBe(false);
  });

  it("formats with the customary hyphens", () => {
    expect(formatRegistrationNumber("KR", "1248100998")).toBe("124-81-00998");
    expect(formatRegistrationNumber("JP", "7000012050002")).toBe("7-0000-1205-0002");
  });
});
