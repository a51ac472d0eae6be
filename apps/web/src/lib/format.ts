// Dates and times shown in the UI language, so a Korean user reads 오후 3:05 and a Japanese one 15:05.

export function formatDateTime(value: Date, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short" }).format(value);
}
