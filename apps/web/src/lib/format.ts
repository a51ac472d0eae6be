// Dates and times shown in the UI language, so a Korean user reads 오후 3:05 and a Japanese one 15:05.

export function formatDateTime(value: Date, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short" }).format(value);
}

/** A calendar date (YYYY-MM-DD) as the language writes it; read at UTC so no time zone moves it a day. */
export function formatCalendarDate(value: string, language: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${value}T00:00:00Z`));
}
