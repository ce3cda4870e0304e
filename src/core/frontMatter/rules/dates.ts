/** `date` / `updated`: what Hexo 8.1.2 really stores (see ../dates.ts), missing dates, order. */
import {
  compareWallClocks,
  daysInMonth,
  formatHexoDate,
  formatOffset,
  hasTime,
  instantOf,
  isValidTimeZone,
  readDate,
  storedWallClock,
  wallClockIn,
  zoneOffsetMinutes,
} from '../dates';
import type { DateReading, WallClock } from '../dates';
import { insertEntry, replace } from '../edits';
import type { FrontMatterEntry } from '../parse';
import type { FixData, RuleContext } from '../report';

export function checkDates(rule: RuleContext): void {
  const { parsed, ctx, t } = rule;
  if (parsed.status !== 'mapping') return;
  const zone = ctx.blog.timezone;
  const zoneValid = isValidTimeZone(zone);
  const readings = new Map<string, DateReading>();
  for (const key of ['date', 'updated']) {
    const entry = parsed.entries.find((candidate) => candidate.key === key);
    if (!entry?.value || (entry.value.kind === 'scalar' && entry.value.value === null)) continue;
    const reading = readDate(entry.value);
    readings.set(key, reading);
    checkOne(rule, entry, reading, zoneValid ? zone : '');
  }
  const dateEntry = parsed.entries.find((candidate) => candidate.key === 'date');
  if ((!dateEntry?.value || (dateEntry.value.kind === 'scalar' && dateEntry.value.value === null)) && ctx.scope !== 'other') {
    const now = nowIn(ctx.today ?? new Date(), zoneValid ? zone : '');
    const line = `date: ${formatHexoDate(now)}`;
    const fix: FixData = dateEntry
      ? {
          title: t('Set `date: {0}`', formatHexoDate(now)),
          edits: [replace(dateEntry.afterColon, dateEntry.value ? dateEntry.value.end : dateEntry.afterColon, ' ' + formatHexoDate(now))],
          preferred: true,
        }
      : { title: t('Add `{0}`', line), edits: [insertEntry(parsed, line, ['title'])], preferred: true };
    const block = parsed.block!;
    const start = dateEntry ? dateEntry.keyStart : block.prefixed ? (block.openStart ?? 0) : block.dataStart;
    const end = dateEntry ? dateEntry.keyEnd : block.prefixed ? (block.openEnd ?? start + 3) : block.dataEnd;
    rule.report({
      start,
      end,
      code: 'frontmatter.date-missing',
      severity: 'warning',
      message: t('No `date`: Hexo uses the file’s creation time, which changes when the blog is cloned or built elsewhere (and moves the post and its URL).'),
      fixes: [fix],
    });
  }
  const date = readings.get('date');
  const updated = readings.get('updated');
  const dateClock = date && storedWallClock(date);
  const updatedClock = updated && storedWallClock(updated);
  const updatedEntry = parsed.entries.find((candidate) => candidate.key === 'updated');
  if (dateClock && updatedClock && updatedEntry?.value && compareWallClocks(updatedClock, dateClock) < 0) {
    rule.report({
      start: updatedEntry.value.start,
      end: updatedEntry.value.end,
      code: 'frontmatter.updated-before-date',
      severity: 'warning',
      message: t('`updated` ({0}) is earlier than `date` ({1}).', formatHexoDate(updatedClock), formatHexoDate(dateClock)),
    });
  }
  if (ctx.blog.root !== undefined && (date || updated)) {
    const entry = dateEntry ?? updatedEntry!;
    if (zone === '') {
      rule.report({
        start: entry.keyStart,
        end: entry.keyEnd,
        code: 'frontmatter.timezone-unset',
        severity: 'hint',
        message: t('The blog’s `_config.yml` sets no `timezone`, so dates are read in the build machine’s time zone. Set e.g. `timezone: Asia/Shanghai`.'),
      });
    } else if (!zoneValid) {
      rule.report({
        start: entry.keyStart,
        end: entry.keyEnd,
        code: 'frontmatter.timezone-invalid',
        severity: 'warning',
        message: t('The blog’s `timezone: {0}` is not an IANA time zone name (such as `Asia/Shanghai`).', zone),
      });
    }
  }
}

/** The fixes that exist (`change` gives none for a date it cannot write). */
function present(...fixes: Array<FixData | undefined>): FixData[] {
  return fixes.filter((fix): fix is FixData => fix !== undefined);
}

function nowIn(now: Date, zone: string): WallClock {
  return (
    (zone ? wallClockIn(now.getTime(), zone) : undefined) ?? {
      year: now.getFullYear(),
      month: now.getMonth() + 1,
      day: now.getDate(),
      hour: now.getHours(),
      minute: now.getMinutes(),
      second: now.getSeconds(),
    }
  );
}

function checkOne(rule: RuleContext, entry: FrontMatterEntry, reading: DateReading, zone: string): void {
  const { t } = rule;
  const value = entry.value!;
  const written = value.kind === 'scalar' ? value.source : rule.parsed.text.slice(value.start, value.end);
  const range = { start: value.start, end: value.end };
  const data = { key: entry.key };
  const zoneName = zone || t('the build machine’s time zone');
  const json = rule.parsed.block?.language === 'json';
  const change = (clock: WallClock, withTime: boolean, preferred = true): FixData | undefined => {
    // `YYYY` holds years 0–9999 only: a date of another year has no canonical form to change to (fuzz: `202525 10:00:00`).
    if (clock.year < 0 || clock.year > 9999) return undefined;
    // In JSON a date is a string, read by `new Date()`: always give it a time so it is read as local.
    const formatted = json ? JSON.stringify(formatHexoDate(clock, true)) : formatHexoDate(clock, withTime);
    return { title: t('Change to `{0}`', formatted), edits: [replace(value.start, value.end, formatted)], preferred };
  };
  switch (reading.kind) {
    case 'reliable':
      // JSON front matter can only hold strings: a quoted canonical date is the best it can do.
      if (!reading.canonical && !(rule.parsed.block?.language === 'json' && /^"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"$/.test(written))) {
        rule.report({
          ...range,
          code: 'frontmatter.date-format',
          severity: 'hint',
          message: t(
            'Hexo reads `{0}` as {1}, but write dates unquoted as `YYYY-MM-DD HH:mm:ss`, the format `hexo new` uses.',
            written,
            formatHexoDate(reading.wallClock),
          ),
          data,
          fixes: present(change(reading.wallClock, hasTime(reading.wallClock) || /\d:\d/.test(written))),
        });
      }
      break;
    case 'offset': {
      const intended = zone ? wallClockIn(reading.instant, zone) : reading.written;
      const storedInstant = zone ? instantOf(reading.wallClock, zone) : undefined;
      if (zone && storedInstant === reading.instant) {
        rule.report({
          ...range,
          code: 'frontmatter.date-format',
          severity: 'hint',
          message: t('Hexo ignores the time-zone part of `{0}` (it happens to match here); write `YYYY-MM-DD HH:mm:ss` in the blog’s time zone.', written),
          data,
          fixes: present(change(reading.wallClock, true)),
        });
        break;
      }
      const offsetNote = formatOffset(reading.offsetMinutes);
      rule.report({
        ...range,
        code: 'frontmatter.date-offset',
        severity: 'error',
        message: t(
          'Hexo 8 drops the offset of `{0}` ({1}) and keeps its UTC clock time: it stores {2} in {3}, not the time you wrote. Write the time in the blog’s time zone without an offset.',
          written,
          offsetNote,
          formatHexoDate(reading.wallClock),
          zoneName,
        ),
        data,
        fixes: intended ? present(change(intended, true)) : undefined,
      });
      break;
    }
    case 'machine-dependent': {
      const onUtcMachine = wallClockIn(reading.instant, 'UTC')!;
      const intended = reading.reason === 'utc' ? onUtcMachine : zone ? wallClockIn(reading.instant, zone) : undefined;
      const zoneHere = zone ? zoneOffsetMinutes(reading.instant, zone) : undefined;
      const example =
        zone && zoneHere !== undefined ? t(' (a build machine in {0} stores {1})', zone, formatHexoDate(wallClockIn(reading.instant, zone)!)) : '';
      const message =
        reading.reason === 'utc'
          ? t(
              '`{0}` is not a YAML date, so it is read as midnight UTC and then shifted by the build machine’s time zone: the stored date (and the URL) depends on where `hexo generate` runs{1}.',
              written,
              example,
            ) +
            ' ' +
            (json ? t('Write it with a time: `YYYY-MM-DD HH:mm:ss`.') : t('Remove the quotes.'))
          : t(
              '`{0}` has an explicit time zone, so the stored date depends on the build machine’s time zone{1}. Write the time in the blog’s time zone without an offset.',
              written,
              example,
            );
      rule.report({
        ...range,
        code: 'frontmatter.date-machine-dependent',
        severity: 'error',
        message,
        data,
        fixes: intended ? present(change(intended, reading.reason !== 'utc' || hasTime(intended))) : undefined,
      });
      break;
    }
    case 'impossible': {
      const { year, month } = reading.written;
      const validMonth = month >= 1 && month <= 12;
      const lastDay = validMonth ? { ...reading.wallClock, year, month, day: daysInMonth(year, month) } : undefined;
      const withTime = hasTime(reading.wallClock);
      // Both are guesses, so neither is preferred ("fix all" leaves impossible dates to the author).
      const fixes = present(lastDay ? change(lastDay, withTime, false) : undefined, change(reading.wallClock, withTime, false));
      rule.report({
        ...range,
        code: 'frontmatter.date-impossible',
        severity: 'error',
        message: t('{0} does not exist: Hexo silently rolls it over to {1}.', written, formatHexoDate(reading.wallClock, withTime)),
        data,
        fixes,
      });
      break;
    }
    case 'integer': {
      const digits = /^(\d{4})(\d\d)(\d\d)$/.exec(written.trim());
      const asDate =
        digits &&
        Number(digits[2]) >= 1 &&
        Number(digits[2]) <= 12 &&
        Number(digits[3]) >= 1 &&
        Number(digits[3]) <= daysInMonth(Number(digits[1]), Number(digits[2]))
          ? { year: Number(digits[1]), month: Number(digits[2]), day: Number(digits[3]), hour: 0, minute: 0, second: 0 }
          : undefined;
      rule.report({
        ...range,
        code: 'frontmatter.date-integer',
        severity: 'error',
        message: t(
          '`{0}` is a number, which Hexo reads as milliseconds since 1970 ({1}). Write `YYYY-MM-DD HH:mm:ss`.',
          written,
          formatHexoDate(reading.wallClock),
        ),
        data,
        fixes: asDate ? present(change(asDate, false)) : undefined,
      });
      break;
    }
    case 'invalid': {
      const chinese = /^\s*['"]?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?)?/.exec(written);
      const clock = chinese
        ? {
            year: Number(chinese[1]),
            month: Number(chinese[2]),
            day: Number(chinese[3]),
            hour: Number(chinese[4] ?? 0),
            minute: Number(chinese[5] ?? 0),
            second: Number(chinese[6] ?? 0),
          }
        : undefined;
      const usable = clock && clock.month >= 1 && clock.month <= 12 && clock.day >= 1 && clock.day <= daysInMonth(clock.year, clock.month);
      rule.report({
        ...range,
        code: 'frontmatter.date-invalid',
        severity: 'error',
        message: t('Hexo cannot read `{0}` as a date and silently uses the file’s time instead. Write `YYYY-MM-DD HH:mm:ss`.', written),
        data,
        fixes: usable ? present(change(clock, hasTime(clock))) : undefined,
      });
      break;
    }
  }
}
