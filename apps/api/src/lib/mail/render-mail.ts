// Renders a notification's e-mail in the recipient's language, as plain text and as HTML with every value escaped.
import type { Locale } from "@pwp/shared/enums";
import { NOTIFICATION_CODED_PARAMS, type NotificationKind } from "@pwp/shared/notifications";
import { createInstance, type i18n } from "i18next";
import { MAIL_MESSAGES } from "./mail-messages.ts";

let translator: i18n | undefined;

function getTranslator(): i18n {
  if (translator) return translator;
  const instance = createInstance();
  void instance.init({
    initAsync: false,
    fallbackLng: "en",
    resources: Object.fromEntries(Object.entries(MAIL_MESSAGES).map(([locale, messages]) => [locale, { translation: messages }])),
    // Values go into plain text; the HTML version escapes each line itself.
    interpolation: { escapeValue: false },
  });
  translator = instance;
  return instance;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function renderMail(kind: NotificationKind, locale: Locale, params: Record<string, string>, absoluteLink: string): RenderedMail {
  const t = getTranslator().getFixedT(locale);
  const words = { ...params };
  for (const name of NOTIFICATION_CODED_PARAMS) if (params[name]) words[name] = t(`${name}.${params[name]}`);
  // A line left empty by a missing optional value (e.g. no reason given) is dropped rather than sent blank.
  const subject = t(`${kind}.subject`, words).replace(/[\r\n]+/g, " ").trim();
  const lines = t(`${kind}.body`, words)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const footer = t("footer");
  const open = t("open");
  const text = [...lines, "", `${open}: ${absoluteLink}`, "", "--", footer].join("\n");
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:sans-serif;line-height:1.5;color:#1a1f27">`,
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p><a href="${escapeHtml(absoluteLink)}" style="display:inline-block;padding:8px 16px;background:#123b7a;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(open)}</a></p>`,
    `<hr><p style="font-size:12px;color:#4a5462">${escapeHtml(footer)}</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject, text, html };
}
