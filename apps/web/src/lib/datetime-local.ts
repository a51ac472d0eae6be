// <input type="datetime-local"> speaks the browser's local time without a zone; the API speaks ISO instants.

/** "2026-12-01T09:30" (local) → ISO instant; null when empty or not a date. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An instant → the value a datetime-local input shows for it, to the minute. */
export function isoToLocalInput(value: Date): string {
  const local = new Date(value.getTime() - value.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
