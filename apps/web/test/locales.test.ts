// The three dictionaries must stay in step: a key missing in one language shows users a raw key, and a lost
// {{placeholder}} silently drops a value such as the time a lockout ends.
import { describe, expect, it } from "vitest";
import en from "../src/locales/en.json";
import ja from "../src/locales/ja.json";
import ko from "../src/locales/ko.json";

type Dictionary = { [key: string]: unknown };

function flattenEntries(dictionary: Dictionary, prefix = ""): [string, unknown][] {
  return Object.entries(dictionary).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? flattenEntries(value as Dictionary, path)
      : [[path, value] as [string, unknown]];
  });
}

function readPlaceholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? "").sort();
}

const dictionaries = { en, ko, ja } as const;
const english = new Map(flattenEntries(en));

describe.each(Object.entries(dictionaries))("locale %s", (_language, dictionary) => {
  const entries = flattenEntries(dictionary);

  it("has exactly the keys of the English dictionary", () => {
    expect(entries.map(([key]) => key).sort()).toEqual([...english.keys()].sort());
  });

  it("has a non-empty string for every key", () => {
    const notFilled = entries.filter(([, value]) => typeof value !== "string" || value.trim() === "").map(([key]) => key);
    expect(notFilled).toEqual([]);
  });

  it("uses the same {{placeholders}} as English", () => {
    for (const [key, value] of entries) {
      expect(readPlaceholders(String(value)), key).toEqual(readPlaceholders(String(english.get(key))));
    }
  });
});

describe("dictionaries", () => {
  it("are really translated, not copies of English", () => {
    expect(ko.signIn.title).not.toBe(en.signIn.title);
    expect(ja.signIn.title).not.toBe(en.signIn.title);
    expect(new Set([en.verify.title, ko.verify.title, ja.verify.title]).size).toBe(3);
  });
});

describe("English names the end-to-end tests find elements by", () => {
  it("stay as agreed", () => {
    expect({
      heading: en.signIn.title,
      tabs: en.signIn.methods,
      fields: [en.signIn.fields.email, en.signIn.fields.password, en.signIn.fields.registrationNumber, en.signIn.fields.loginId],
      submit: en.signIn.submit,
      signOut: en.header.signOut,
      language: en.language.label,
      dashboards: en.dashboard.headings,
      invalidCredentials: en.signIn.errors.invalidCredentials,
      verifyLink: en.signIn.verifyLink,
    }).toEqual({
      heading: "Sign in",
      tabs: { email: "E-mail", registration: "Registration number + user ID" },
      fields: ["E-mail", "Password", "Registration number", "User ID"],
      submit: "Sign in",
      signOut: "Sign out",
      language: "Language",
      dashboards: {
        ORDERER: "Orderer dashboard",
        CONTRACTOR: "Contractor dashboard",
        SURETY: "Surety dashboard",
        OPERATOR: "Operations console",
      },
      invalidCredentials: "The e-mail/ID or password is incorrect.",
      verifyLink: "Verify a guarantee certificate",
    });
  });

  it("keep the word Language in every language's switcher label, so one locator finds it in all three", () => {
    for (const dictionary of [ko, ja]) expect(dictionary.language.label).toContain("Language");
  });
});
