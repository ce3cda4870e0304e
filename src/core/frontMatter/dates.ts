/**
 * What Hexo 8.1.2 stores for a `date`/`updated` value (spec §3):
 *  1. js-yaml turns `YYYY-MM-DD` and `YYYY-M-D[T ]H:MM:SS[.f][Z|±hh[:mm]]` plain scalars into a Date
 *     (UTC, calendar overflow rolls over); hexo-front-matter re-reads its UTC wall clock as local time.
 *  2. Anything else goes through `new Date(value)`; an invalid result silently becomes the file time.
 *  3. `timezone` in `_config.yml` shifts the local wall clock into that zone.
 * So a reliable date is the wall clock as written, in the blog zone; ISO date-only strings (read as
 * UTC) and strings with an explicit zone depend on the build machine's zone.
 */
import type { FrontMatterValue } from './parse';

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export type DateReading =
  /** Read reliably: Hexo stores `wallClock` in the blog zone. */
  | { kind: 'reliable'; wallClock: WallClock; canonical: boolean; quoted: boolean }
  /** A YAML timestamp with `Z` or an offset: the offset is dropped, the UTC wall clock is used. */
  | { kind: 'offset'; wallClock: WallClock; written: WallClock; offsetMinutes: number; instant: number }
  /** A string read as UTC or with an explicit zone: the result depends on the build machine. */
  | { kind: 'machine-dependent'; instant: number; quoted: boolean; reason: 'utc' | 'zone' }
  /** Day or month out of range: silently rolls over. */
  | { kind: 'impossible'; written: { year: number; month: number; day: number }; wallClock: WallClock }
  /** An integer: `new Date(n)` = n milliseconds after 1970. */
  | { kind: 'integer'; wallClock: WallClock; value: number }
  /** Unparseable, or not a scalar: Hexo silently uses the file time. */
  | { kind: 'invalid' };

const timestampPattern = /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt]|[ \t]+)(\d\d?):(\d\d):(\d\d)(?:\.\d*)?(?:[ \t]*(Z|([-+])(\d\d?)(?::(\d\d))?))?)?$/;
const canonicalPattern = /^\d{4}-\d\d-\d\d(?: \d\d:\d\d:\d\d)?$/;
const isoDateOnly = /^[+-]?\d{4,6}(?:-\d\d(?:-\d\d)?)?$/;
const explicitZone = /(?:Z|[+-]\d\d:?\d\d|\b(?:GMT|UTC|UT)\b(?:[+-]\d+)?|\b[ECMP][SD]T\b)\s*(?:\([^)]*\))?\s*$/i;
const numericDate = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function utcWallClock(ms: number): WallClock {
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}

export function readDate(value: FrontMatterValue | undefined): DateReading {
  if (!value || value.kind !== 'scalar' || value.value === null || typeof value.value === 'boolean') return { kind: 'invalid' };
  if (typeof value.value === 'number') {
    if (!Number.isFinite(value.value)) return { kind: 'invalid' };
    return { kind: 'integer', value: value.value, wallClock: utcWallClock(value.value) };
  }
  const text = String(value.value).trim();
  const quoted = value.style !== 'plain';
  if (value.timestamp) return readTimestamp(text);
  return readDateString(text, quoted);
}

function readTimestamp(text: string): DateReading {
  const match = timestampPattern.exec(text);
  if (!match) return { kind: 'invalid' };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const written: WallClock = { year, month, day, hour: Number(match[4] ?? 0), minute: Number(match[5] ?? 0), second: Number(match[6] ?? 0) };
  const utc = Date.UTC(year, month - 1, day, written.hour, written.minute, written.second);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { kind: 'impossible', written: { year, month, day }, wallClock: utcWallClock(utc) };
  }
  if (match[7]) {
    const sign = match[8] === '-' ? -1 : 1;
    const offsetMinutes = match[7] === 'Z' || match[7] === 'z' ? 0 : sign * (Number(match[9]) * 60 + Number(match[10] ?? 0));
    const instant = utc - offsetMinutes * 60_000;
    return { kind: 'offset', wallClock: utcWallClock(instant), written, offsetMinutes, instant };
  }
  return { kind: 'reliable', wallClock: utcWallClock(utc), canonical: canonicalPattern.test(text), quoted: false };
}

function readDateString(text: string, quoted: boolean): DateReading {
  const numeric = numericDate.exec(text);
  if (numeric) {
    const [year, month, day] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    if (month >= 1 && month <= 12 && day > daysInMonth(year, month) && day <= 31) {
      const parsed = new Date(text.replace(numericDate, `${year}-${String(month).padStart(2, '0')}-01`));
      if (!Number.isNaN(parsed.getTime())) {
        const rolled = new Date(Date.UTC(year, month - 1, day, parsed.getHours(), parsed.getMinutes(), parsed.getSeconds()));
        return { kind: 'impossible', written: { year, month, day }, wallClock: utcWallClock(rolled.getTime()) };
      }
    }
  }
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime())) return { kind: 'invalid' };
  if (isoDateOnly.test(text)) return { kind: 'machine-dependent', instant: parsed.getTime(), quoted, reason: 'utc' };
  if (explicitZone.test(text)) return { kind: 'machine-dependent', instant: parsed.getTime(), quoted, reason: 'zone' };
  // V8 read it as local time, so its local fields are the wall clock as written, on any machine.
  const wallClock: WallClock = {
    year: parsed.getFullYear(),
    month: parsed.getMonth() + 1,
    day: parsed.getDate(),
    hour: parsed.getHours(),
    minute: parsed.getMinutes(),
    second: parsed.getSeconds(),
  };
  return { kind: 'reliable', wallClock, canonical: canonicalPattern.test(text) && !quoted, quoted };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Hexo's own format (`hexo new`, prepareFrontMatter): `YYYY-MM-DD HH:mm:ss`. */
export function formatHexoDate(clock: WallClock, withTime = true): string {
  const date = `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
  return withTime ? `${date} ${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}` : date;
}

export function hasTime(clock: WallClock): boolean {
  return clock.hour !== 0 || clock.minute !== 0 || clock.second !== 0;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      formatter = null;
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  return timeZone !== '' && formatterFor(timeZone) !== null;
}

/** The wall clock of an instant in an IANA zone. */
export function wallClockIn(instant: number, timeZone: string): WallClock | undefined {
  const formatter = formatterFor(timeZone);
  if (!formatter) return undefined;
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second };
}

/** Offset of a zone from UTC, in minutes, at an instant. */
export function zoneOffsetMinutes(instant: number, timeZone: string): number | undefined {
  const clock = wallClockIn(instant, timeZone);
  if (!clock) return undefined;
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The instant a wall clock denotes in a zone (DST gaps resolve forwards). */
export function instantOf(clock: WallClock, timeZone: string): number | undefined {
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  const first = zoneOffsetMinutes(asUtc, timeZone);
  if (first === undefined) return undefined;
  const guess = asUtc - first * 60_000;
  const second = zoneOffsetMinutes(guess, timeZone) ?? first;
  return asUtc - second * 60_000;
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

export function compareWallClocks(a: WallClock, b: WallClock): number {
  const keys: Array<keyof WallClock> = ['year', 'month', 'day', 'hour', 'minute', 'second'];
  for (const key of keys) if (a[key] !== b[key]) return a[key] - b[key];
  return 0;
}

/** The wall clock Hexo stores for a reading, when it does not depend on the machine. */
export function storedWallClock(reading: DateReading): WallClock | undefined {
  return reading.kind === 'reliable' || reading.kind === 'offset' || reading.kind === 'impossible' || reading.kind === 'integer'
    ? reading.wallClock
    : undefined;
}
