/**
 * The date Hexo 8.1.2 stores for a front-matter `date:`/`updated:` value, as wall-clock time in
 * the blog's `timezone` (spec §3, measured): js-yaml timestamps keep their wall clock (an explicit
 * offset or `Z` is discarded after converting to UTC, Hexo's known bug); quoted or other strings go
 * through `new Date(value)`, which depends on the build machine; invalid values fall back to the
 * file's creation time without a warning. The preview shows what the blog will show, plus a note.
 */
import type { Localize } from '../text';

export interface HexoDate {
  /** `YYYY-MM-DD HH:mm:ss` wall clock, or '' when Hexo uses the file time. */
  text: string;
  /** The blog timezone the wall clock is in ('' = the build machine's). */
  timezone: string;
  /** Why this may not be what the author meant, when it may not be. */
  note?: string;
}

const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.\d*)?(?:[ \t]*(Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function format(date: Date, utc: boolean): string {
  const get = utc
    ? [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
    : [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()];
  return `${pad(get[0], 4)}-${pad(get[1])}-${pad(get[2])} ${pad(get[3])}:${pad(get[4])}:${pad(get[5])}`;
}

function inZone(date: Date, timezone: string): string | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(date);
    const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '00';
    return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
  } catch {
    return undefined;
  }
}

/**
 * @param value the YAML value (string, number, Date…)
 * @param plain true when the YAML scalar was unquoted (only plain scalars are js-yaml timestamps)
 */
export function hexoDate(value: unknown, plain: boolean, timezone: string, t: Localize): HexoDate | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const raw = String(value).trim();
  const timestamp = plain && typeof value === 'string' ? TIMESTAMP.exec(raw) : null;
  if (timestamp) {
    const [, year, month, day, hour = '0', minute = '0', second = '0', zone] = timestamp;
    let wall = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
    let note: string | undefined;
    if (zone) {
      const offset = zone === 'Z' || zone === 'z' ? 0 : parseOffset(zone);
      wall = new Date(wall.getTime() - offset * 60_000);
      note = t('Hexo ignores the offset "{0}": this is the UTC wall clock read as {1} time.', zone, timezone || t('local'));
    }
    if (wall.getUTCDate() !== Number(day) && !zone) note = t('This date does not exist; Hexo rolls it over silently.');
    return { text: format(wall, true), timezone, note };
  }
  if (typeof value === 'number') {
    return { text: format(new Date(value), true), timezone, note: t('A number is read as milliseconds since 1970; write YYYY-MM-DD HH:mm:ss.') };
  }
  const parsed = new Date(raw);
  if (Number.isNaN(parsed.getTime())) {
    return { text: '', timezone, note: t('Hexo cannot read "{0}" as a date and uses the file time instead.', raw) };
  }
  const text = (timezone && inZone(parsed, timezone)) || format(parsed, false);
  return { text, timezone, note: t('A quoted or non-standard date depends on the time zone of the machine that builds the blog.') };
}

function parseOffset(zone: string): number {
  const match = /^([-+])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}
