// The authentication key and the canonical certificate document, without the app: the key's alphabet, length and
// spread, its keyed hash and encrypted copy; the canonical JSON's key order, spacing and bytes.
import { randomBytes, randomUUID } from "node:crypto";
import { AUTH_KEY_ALPHABET, AUTH_KEY_LENGTH, AUTH_KEY_PATTERN, formatAuthKey, GuaranteeCertificateDocumentSchema } from "@pwp/shared/guarantees";
import { describe, expect, it } from "vitest";
import {
  applyAmendment,
  buildCertificateDocument,
  canonicalJsonOf,
  diffTerms,
  languageOf,
  parseCertificateDocument,
  termsOf,
  type GuaranteeTerms,
} from "../../../src/modules/guarantees/guarantee-document.ts";
import { createAuthKeys, generateAuthKey } from "../../../src/lib/guarantee-auth-keys.ts";

describe("the authentication key", () => {
  it("has 14 characters from the alphabet (≥ 70 bits) and differs across 1,000 generations, every character in use", () => {
    expect(AUTH_KEY_LENGTH * Math.log2(AUTH_KEY_ALPHABET.length)).toBeGreaterThan(80);
    const keys = Array.from({ length: 1_000 }, () => generateAuthKey());
    for (const key of keys) expect(key).toMatch(new RegExp(AUTH_KEY_PATTERN));
    expect(new Set(keys).size).toBe(1_000);
    // 14,000 draws from 56 characters: each appears ~250 times; none missing, none far off a uniform draw.
    const counts = new Map<string, number>();
    for (const character of keys.join("")) counts.set(character, (counts.get(character) ?? 0) + 1);
    expect(counts.size).toBe(AUTH_KEY_ALPHABET.length);
    for (const count of counts.values()) expect(count).toBeGreaterThan(150);
    expect(AUTH_KEY_ALPHABET).not.toMatch(/[0O1Il]/);
  });

  it("the keyed hash verifies only the right key of the right guarantee, as typed with spaces or hyphens", () => {
    const keys = createAuthKeys(randomBytes(32));
    const id = randomUUID();
    const issued = keys.issueAuthKey(id);
    const guarantee = { id, authKeyHash: issued.authKeyHash };
    expect(issued.authKeyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.verifyAuthKey(guarantee, issued.authKey)).toBe(true);
    expect(keys.verifyAuthKey(guarantee, formatAuthKey(issued.authKey))).toBe(true);
    expect(keys.verifyAuthKey(guarantee, ` ${issued.authKey.slice(0, 7)} ${issued.authKey.slice(7)} `)).toBe(true);
    expect(keys.verifyAuthKey(guarantee, issued.authKey.toLowerCase() === issued.authKey ? issued.authKey.toUpperCase() : issued.authKey.toLowerCase())).toBe(false);
    expect(keys.verifyAuthKey(guarantee, generateAuthKey())).toBe(false);
    expect(keys.verifyAuthKey(guarantee, "")).toBe(false);
    expect(keys.verifyAuthKey({ id: randomUUID(), authKeyHash: issued.authKeyHash }, issued.authKey)).toBe(false);
    expect(keys.verifyAuthKey({ id, authKeyHash: null }, issued.authKey)).toBe(false);
    expect(keys.verifyAuthKey({ id, authKeyHash: "not hex" }, issued.authKey)).toBe(false);
    // Another master key derives other keys: the same key does not verify.
    expect(createAuthKeys(randomBytes(32)).verifyAuthKey(guarantee, issued.authKey)).toBe(false);
  });

  it("the encrypted copy opens only for its guarantee under the same master key", () => {
    const masterKey = randomBytes(32);
    const keys = createAuthKeys(masterKey);
    const id = randomUUID();
    const issued = keys.issueAuthKey(id);
    expect(Buffer.from(issued.authKeyCiphertext).toString("latin1")).not.toContain(issued.authKey);
    expect(keys.decryptAuthKey(id, issued.authKeyCiphertext)).toBe(issued.authKey);
    expect(createAuthKeys(masterKey).decryptAuthKey(id, issued.authKeyCiphertext)).toBe(issued.authKey);
    expect(() => keys.decryptAuthKey(randomUUID(), issued.authKeyCiphertext)).toThrow();
    expect(() => createAuthKeys(randomBytes(32)).decryptAuthKey(id, issued.authKeyCiphertext)).toThrow();
    const tampered = new Uint8Array(issued.authKeyCiphertext);
    tampered[14] = (tampered[14] ?? 0) ^ 1;
    expect(() => keys.decryptAuthKey(id, tampered)).toThrow();
    // Two encryptions of one key differ (a fresh IV each time).
    expect(Buffer.from(keys.encryptAuthKey(id, issued.authKey)).equals(Buffer.from(keys.encryptAuthKey(id, issued.authKey)))).toBe(false);
  });
});

const terms: GuaranteeTerms = {
  worksTitle: "中央公園歩道橋設置工事",
  ordererName: "東京都 建設局",
  contractAmount: 1_234_500_000,
  contractDate: "2026-11-20",
  worksStartDate: "2026-12-01",
  worksEndDate: "2027-08-31",
  guaranteeAmount: 123_450_000,
  guaranteeStartDate: "2026-12-01",
  guaranteeEndDate: "2027-09-30",
  depositBankName: "",
  depositBranchName: "",
};
const party = (name: string) => ({ name, registrationNumber: "1234567890123", representativeName: "山田 太郎", address: "東京都千代田区霞が関2-1-3" });

function documentOf(overrides: Partial<GuaranteeTerms> = {}) {
  return buildCertificateDocument({
    guaranteeNumber: "12345-678901",
    versionNumber: 1,
    versionKind: "ISSUE",
    kind: "CONTRACT_PERFORMANCE",
    language: languageOf("JP", "KR"),
    contractor: party("春建設株式会社"),
    orderer: null,
    surety: party("東日本建設業保証株式会社"),
    currency: "JPY",
    terms: { ...terms, ...overrides },
    issuedOn: "2026-11-25",
    reason: "",
  });
}

describe("the canonical certificate document", () => {
  it("keys in the schema's order at every level, no whitespace, characters as themselves, round-trips", () => {
    const document = documentOf();
    // The same data in another key order gives the same text.
    const shuffled = Object.fromEntries(Object.entries(document).reverse()) as typeof document;
    const json = canonicalJsonOf(shuffled);
    expect(json).toBe(canonicalJsonOf(document));
    expect(Object.keys(JSON.parse(json))).toEqual(Object.keys(GuaranteeCertificateDocumentSchema.properties));
    expect(Object.keys(JSON.parse(json).contractor)).toEqual(["name", "registrationNumber", "representativeName", "address"]);
    expect(json.startsWith('{"type":"pwp.guarantee.certificate.v1","guaranteeNumber":"12345-678901","versionNumber":1,')).toBe(true);
    expect(json).toContain('"orderer":{"name":"東京都 建設局","registrationNumber":null,"representativeName":"","address":""}');
    expect(json).toContain('"depositBank":null');
    expect(json).not.toMatch(/\\u/);
    expect(json).not.toMatch(/[\n\t]|": |, "/);
    expect(parseCertificateDocument(json)).toEqual(document);
    expect(termsOf(document)).toEqual(terms);
    expect(document.language).toBe("ja");
    expect(languageOf(null, "KR")).toBe("ko");
  });

  it("refuses a document that is not the schema's (an unknown key, a float amount)", () => {
    expect(() => canonicalJsonOf({ ...documentOf(), extra: 1 } as never)).toThrow();
    expect(() => canonicalJsonOf(documentOf({ guaranteeAmount: 1.5 }))).toThrow();
  });

  it("an amendment changes only what it names; the diff lists each field as text", () => {
    const amended = applyAmendment(terms, { guaranteeAmount: 200_000_000, worksTitle: " 中央公園歩道橋設置工事（第1期） ", depositBankName: "みずほ銀行" });
    expect(amended).toEqual({ ...terms, guaranteeAmount: 200_000_000, worksTitle: "中央公園歩道橋設置工事（第1期）", depositBankName: "みずほ銀行" });
    expect(diffTerms(terms, amended)).toEqual([
      { field: "guaranteeAmount", before: "123450000", after: "200000000" },
      { field: "worksTitle", before: "中央公園歩道橋設置工事", after: "中央公園歩道橋設置工事（第1期）" },
      { field: "depositBankName", before: null, after: "みずほ銀行" },
    ]);
    expect(diffTerms(terms, applyAmendment(terms, { guaranteeAmount: terms.guaranteeAmount }))).toEqual([]);
    expect(documentOf({ depositBankName: "みずほ銀行", depositBranchName: "本店" }).depositBank).toEqual({ bankName: "みずほ銀行", branchName: "本店" });
  });
});
