// The one way the extension and the table show a moment (when a lookup was fetched, …): `YYYY-MM-DD HH:MM:SS`
// in the viewer's local time. Event dates are not such moments: they are shown as the server sent them.

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `YYYY-MM-DD HH:MM:SS` in local time; text that is not a date is returned as it is. */
export function formatLocalDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(Date.parse(value)) : value;
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : String(value);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}
