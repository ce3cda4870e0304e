// Timing and reporting. Every comparison runs our side and the baseline interleaved in the same
// process on the same input (ABBA order, so neither side always runs on a warmer JIT or a fresher
// heap), after a warm-up, and reports medians: one slow GC pause must not move the result.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--expose-gc');
/**
 * A full GC at the end of every timed sample, ON the clock, for both sides alike: each side pays for collecting
 * its own garbage (a renderer that allocates more is slower for it), and none of it is left for the other side.
 */
const collectGarbage = runInNewContext('gc');

/**
 * The median time of a full GC that finds nothing to collect (after one that did), in this process now: the part of
 * every sample's on-the-clock GC that is the live heap's, whichever side ran (a row reports it beside a short sample).
 */
export function emptyGcMs(times = 5) {
  collectGarbage();
  const samples = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    collectGarbage();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Calls `fn` and drops what it returns in a frame that ends before the GC. Awaited in `timeOnce` itself, the result
 * stayed in one of its registers through the GC: the baseline's 10 MB HTML string survived its own sample's GC and was
 * freed in the next one, ours (`node --trace-gc`: 98.9 → 64.9 MB after the baseline's render, then 66.4 → 56.6 MB
 * after our one-line edit; with this, 98.9 → 56.2 MB, then 58.0 → 56.6 MB).
 */
async function callAndDrop(fn, run) {
  await fn(run);
}

async function timeOnce(fn, run, batch, gc = false) {
  const start = performance.now();
  for (let i = 0; i < batch; i++) await callAndDrop(fn, run * batch + i);
  if (gc) collectGarbage();
  return (performance.now() - start) / batch;
}

/**
 * Times `ours` and `baseline` (each `(run) => void | Promise<void>`; `run` counts from 0 across
 * warm-up and timed runs, so inputs can change from run to run) until `minRuns` samples each and
 * `budgetMs` spent, or `maxRuns`. `batch` calls are timed together for sub-millisecond work,
 * where one call is below the clock's useful resolution. Either side may be null. `prepare(run)`
 * runs before each run, off the clock (generating that run's input).
 */
export async function compare({ ours, baseline, prepare, warmup = 2, minRuns = 5, maxRuns = 50, budgetMs = 10_000, batch = 1, gc = true }) {
  const sides = [ours, baseline];
  const samples = [[], []];
  let run = 0;
  for (; run < warmup; run++) {
    await prepare?.(run);
    for (const side of sides) if (side) await timeOnce(side, run, batch);
  }
  const started = performance.now();
  for (let timed = 0; timed < maxRuns; timed++, run++) {
    if (timed >= minRuns && performance.now() - started > budgetMs) break;
    await prepare?.(run);
    const order = timed % 4 === 1 || timed % 4 === 2 ? [1, 0] : [0, 1];
    for (const index of order) {
      if (!sides[index]) continue;
      samples[index].push(await timeOnce(sides[index], run, batch, gc));
    }
  }
  return {
    ...spread(samples[0], 'ours'),
    ...spread(samples[1], 'baseline'),
    ours_ms: ours ? median(samples[0]) : null,
    baseline_ms: baseline ? median(samples[1]) : null,
    runs: Math.max(samples[0].length, samples[1].length),
    samples,
  };
}

/** min / max of one side's samples, as `<side>_min_ms` / `<side>_max_ms` (the median is `<side>_ms`). */
export function spread(values, side) {
  if (!values || values.length === 0) return {};
  return { [`${side}_min_ms`]: Math.min(...values), [`${side}_max_ms`]: Math.max(...values) };
}

/** A result row; the fixed keys of the issue first, then what the table needs. */
export function row(name, fields) {
  const { ours_ms = null, baseline = null, baseline_ms = null, runs = 0, samples, ...rest } = fields;
  const ratio = ours_ms && baseline_ms ? baseline_ms / ours_ms : null;
  for (const key of ['ours_min_ms', 'ours_max_ms', 'baseline_min_ms', 'baseline_max_ms']) if (key in rest) rest[key] = round(rest[key]);
  const result = { name, ours_ms: round(ours_ms), baseline, baseline_ms: round(baseline_ms), ratio: round(ratio), runs, ...rest };
  // Every sample goes to the stored result file (bench/results/<date>.json), not to the printed report.
  if (samples) Object.defineProperty(result, 'samples', { value: samples, enumerable: false });
  return result;
}

/** A row for a measure that could not be taken, saying why instead of crashing the suite. */
export function unavailable(name, why, extra = {}) {
  return row(name, { status: 'not available', note: why, ...extra });
}

function round(value) {
  if (value === null || value === undefined) return null;
  return value >= 100 ? Math.round(value * 10) / 10 : Math.round(value * 1000) / 1000;
}

function formatValue(value, unit) {
  if (value === null || value === undefined) return '–';
  if (unit === 'bytes') return `${(value / 1024 / 1024).toFixed(2)} MB`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  return `${value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(3)} ms`;
}

/** The markdown table printed by `npm run bench` (and pasted into the README). */
export function formatTable(rows) {
  const header = ['benchmark', 'ours', 'baseline', 'baseline time', 'ratio', 'goal', 'runs', 'min–max (ours / baseline)'];
  const lines = rows.map((r) => {
    const unit = r.unit ?? 'ms';
    const ours = r.status === 'not available' ? `not available: ${r.note}` : formatValue(r.unit && r.unit !== 'ms' ? r.ours_value : r.ours_ms, unit);
    const baselineValue = r.unit && r.unit !== 'ms' ? r.baseline_value : r.baseline_ms;
    return [
      r.name,
      ours,
      r.baseline ?? '–',
      r.baseline ? formatValue(baselineValue, unit) : '–',
      r.ratio ? `${r.ratio.toFixed(1)}×` : '–',
      r.goal ? `${r.goal}${r.met === undefined ? '' : r.met ? ' ✓' : ' ✗'}` : '–',
      String(r.runs ?? ''),
      r.ours_min_ms === undefined
        ? '–'
        : `${formatValue(r.ours_min_ms, 'ms')}–${formatValue(r.ours_max_ms, 'ms')}${r.baseline_min_ms === undefined ? '' : ` / ${formatValue(r.baseline_min_ms, 'ms')}–${formatValue(r.baseline_max_ms, 'ms')}`}`,
    ];
  });
  const escape = (cell) => cell.replace(/\|/g, '\\|');
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.map(escape).join(' | ')} |`).join('\n');
}
