// The one way a time is shown to the user, in the extension and the webview alike: local time, ISO-like order.

/** "2026-11-28 14:03:32" in local time; text that is not a time comes back unchanged. */
export function formatLocalTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}
