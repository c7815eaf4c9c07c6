/**
 * How the dashboard writes numbers, times and durations: exact and the same
 * everywhere (English separators whatever the browser's locale, so a figure
 * reads the same in every screenshot and test).
 */

const LOCALE = 'en-US';
const integerFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const fractionFormats = new Map<number, Intl.NumberFormat>();

/** `1234567` → `1,234,567`; with `digits`, exactly that many decimals (`formatNumber(2.5, 1)` → `2.5`). Null or undefined → `—`. */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value == null || Number.isNaN(value)) return '—';
  if (digits === 0) return integerFormat.format(value);
  let format = fractionFormats.get(digits);
  if (!format) fractionFormats.set(digits, (format = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return format.format(value);
}

/** A fraction as a percentage: `0.1234` → `12.3 %`. Null → `—`. */
export function formatFraction(value: number | null | undefined, digits = 1): string {
  return value == null ? '—' : `${formatNumber(value * 100, digits)} %`;
}

/** How long ago `then` was, seen at `now` (both ms): `now`, `4 s ago`, `12 min ago`, `3 h ago`, `2 d ago`. Null → `never`. */
export function formatRelative(then: string | number | null | undefined, now: number): string {
  if (then == null) return 'never';
  const at = typeof then === 'number' ? then : Date.parse(then);
  if (Number.isNaN(at)) return '—';
  const seconds = Math.floor((now - at) / 1000);
  if (seconds < 1) return 'now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A duration in seconds, to the second below an hour and to the minute above:
 * `42 s`, `12 min 05 s`, `3 h 07 min`, `2 d 04 h`. Zero or less → `0 s`.
 */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${pad(seconds % 60)} s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ${pad(Math.floor((seconds % 3600) / 60))} min`;
  return `${Math.floor(seconds / 86_400)} d ${pad(Math.floor((seconds % 86_400) / 3600))} h`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A calendar date in UTC, the game's clock: `12 Jan 2006`. Null → `—`. */
export function formatDate(at: string | null | undefined): string {
  if (!at) return '—';
  const time = Date.parse(at);
  return Number.isNaN(time) ? '—' : dateFormat.format(time);
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

/** A date and time of day in UTC, the game's clock: `12 Jan 2006, 21:05 UTC`. Null → `—`. */
export function formatDateTime(at: string | null | undefined): string {
  if (!at) return '—';
  const time = Date.parse(at);
  return Number.isNaN(time) ? '—' : `${dateTimeFormat.format(time)} UTC`;
}

/** A wall-clock time of day, `HH:MM:SS` in the browser's zone. */
export function formatClock(at: string | number): string {
  const date = new Date(at);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
