// The inbox builds each line from the kind and its params, coded params first put into the reader's words, as the
// e-mail does: checked against the real dictionaries.
import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { notificationText } from "../src/features/notifications/notification-text";
import en from "../src/locales/en.json";
import ja from "../src/locales/ja.json";

async function translator(language: "en" | "ja") {
  const i18n = createInstance();
  await i18n.init({ lng: language, resources: { en: { translation: en }, ja: { translation: ja } }, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe("notificationText", () => {
  it("puts coded params into the reader's language", async () => {
    const t = await translator("en");
    expect(notificationText({ kind: "GUARANTEE_ISSUED", params: { organization: "Surety", title: "Bridge", number: "10000-000001", action: "CHANGE" } }, t)).toBe(
      'Surety signed the guarantee 10000-000001 for "Bridge" (changed).',
    );
    const ja = await translator("ja");
    expect(notificationText({ kind: "CONTRACT_DOCUMENT_SENT", params: { organization: "青葉建設", documentKind: "INVOICE", number: "#2", contract: "C-1" } }, ja)).toBe(
      "青葉建設から契約 C-1の請求書 #2が届きました。署名してください。",
    );
  });
});
