/**
 * The date Hexo 8.1.2 stores for a front-matter `date:`/`updated:` value, as wall-clock time in
 * the blog's `timezone` (spec §3, measured): js-yaml timestamps keep their wall clock (an explicit
 * offset or `Z` is discarded after converting to UTC, Hexo's known bug); quoted or other strings go
 * through `new Date(value)`, which depends on the build machine; invalid values fall back to the
 * file's creation time without a warning. The preview shows what the blog will show, plus a note.
 */
import { formatHexoDate, readDate, wallClockIn } from '../frontMatter/dates';
import { isYamlTimestamp, type ScalarValue } from '../frontMatter/parse';
import type { Localize } from '../text';

export interface HexoDate {
  /** `YYYY-MM-DD HH:mm:ss` wall clock, or '' when Hexo uses the file time. */
  text: string;
  /** The blog timezone the wall clock is in ('' = the build machine's). */
  timezone: string;
  /** Why this may not be what the author meant, when it may not be. */
  note?: string;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function localWallClock(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * @param value the YAML value (string, number, Date…)
 * @param plain true when the YAML scalar was unquoted (only plain scalars are js-yaml timestamps)
 */
export function hexoDate(value: unknown, plain: boolean, timezone: string, t: Localize): HexoDate | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const raw = String(value).trim();
  // The same reading of Hexo's date rules as the front-matter checks, so preview and hover agree.
  const scalar: ScalarValue = {
    kind: 'scalar',
    value: typeof value === 'number' ? value : raw,
    source: raw,
    style: plain ? 'plain' : 'single',
    timestamp: plain && typeof value === 'string' && isYamlTimestamp(raw),
    start: 0,
    end: 0,
  };
  const reading = readDate(scalar);
  switch (reading.kind) {
    case 'reliable':
      return { text: formatHexoDate(reading.wallClock), timezone, note: undefined };
    case 'offset': {
      const zone = /(?:Z|z|[-+]\d{1,2}(?::?\d{2})?)$/.exec(raw)?.[0] ?? '';
      return {
        text: formatHexoDate(reading.wallClock),
        timezone,
        note: t('Hexo ignores the offset "{0}": this is the UTC wall clock read as {1} time.', zone, timezone || t('local')),
      };
    }
    case 'impossible':
      return { text: formatHexoDate(reading.wallClock), timezone, note: t('This date does not exist; Hexo rolls it over silently.') };
    case 'integer':
      return { text: formatHexoDate(reading.wallClock), timezone, note: t('A number is read as milliseconds since 1970; write YYYY-MM-DD HH:mm:ss.') };
    case 'machine-dependent': {
      const clock = timezone ? wallClockIn(reading.instant, timezone) : undefined;
      const text = clock ? formatHexoDate(clock) : localWallClock(new Date(reading.instant));
      return { text, timezone, note: t('A quoted or non-standard date depends on the time zone of the machine that builds the blog.') };
    }
    case 'invalid':
      return { text: '', timezone, note: t('Hexo cannot read "{0}" as a date and uses the file time instead.', raw) };
  }
}
