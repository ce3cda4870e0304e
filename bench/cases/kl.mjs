// kl.hover-1k: the hover over `kl(P, Q)` in a kl block whose P and Q have 1,000 elements each
// (parse the snippet, evaluate, format the markdown), as the hover provider does on every mouse stop.
import { compare } from '../lib/harness.mjs';
import { seededRandom } from '../lib/random.mjs';
import { createOurHover } from '../lib/ourSides.mjs';
import { loadOut, need } from '../lib/ours.mjs';

function distribution(random, size) {
  const raw = Array.from({ length: size }, () => random.int(1, 1000));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => (v / total).toPrecision(6));
}

/** A note with a kl block over two 1,000-element distributions, and the offset of its `kl(P, Q)`. */
export function klNote(size = 1000) {
  const random = seededRandom(7);
  const note = [
    '---',
    'title: KL over 1,000 outcomes',
    'date: 2025-06-25 10:00:00',
    '---',
    '',
    '## 大分布',
    '',
    '```kl',
    `P = [${distribution(random, size).join(', ')}]`,
    `Q = [${distribution(random, size).join(', ')}]`,
    'kl(P, Q)',
    '```',
    '',
  ].join('\n');
  return { note, offset: note.indexOf('kl(P, Q)') + 1 };
}

export const klHover = {
  name: 'kl.hover-1k',
  goal: '≤ 1 ms',
  meets: (r) => r.ours_ms <= 1,
  async run({ quick }) {
    const { note, offset } = klNote();
    const hover = createOurHover(note, offset); // NotAvailable → a "not available" row
    const result = await compare({
      ours: hover,
      baseline: null,
      warmup: 20,
      minRuns: quick ? 5 : 50,
      maxRuns: quick ? 5 : 500,
      budgetMs: quick ? 100 : 3000,
      gc: false,
    });
    return { ...result, note: 'hover at kl(P, Q), P and Q of 1,000 elements, a statement added inside the kl block before each hover (no cache hit)' };
  },
};

// kl.tokens-512x32k: per-token KL of two policies given by logits, 512 tokens × 32,000-word vocabulary
// (what `kl(softmax(logitsP), softmax(logitsQ))` computes, issue #12), through the core's log-space
// kernel: the rows as log-space distributions, then the per-token KL, sum and mean. The baseline is
// the textbook loop a notebook would write (softmax each row by max-shift, then Σ p ln(p/q)) — not
// exact for large logits, but the yardstick for speed.
const TOKENS = 512;
const VOCAB = 32_000;

function policyLogits() {
  const random = seededRandom(12);
  const p = new Float64Array(TOKENS * VOCAB);
  const q = new Float64Array(TOKENS * VOCAB);
  for (let i = 0; i < p.length; i++) {
    // Roughly LM-like logits (a spread of a few nats) and a PPO-step-sized change for q.
    const z = random.next() + random.next() + random.next() - 1.5;
    p[i] = 4 * z;
    q[i] = p[i] + 0.2 * (random.next() - 0.5);
  }
  return { p, q };
}

function textbookPerTokenKl(p, q, temperature) {
  const perToken = new Float64Array(TOKENS);
  const pr = new Float64Array(VOCAB);
  const qr = new Float64Array(VOCAB);
  for (let t = 0; t < TOKENS; t++) {
    const offset = t * VOCAB;
    let maxP = -Infinity;
    let maxQ = -Infinity;
    for (let i = 0; i < VOCAB; i++) {
      maxP = Math.max(maxP, p[offset + i]);
      maxQ = Math.max(maxQ, q[offset + i]);
    }
    let zP = 0;
    let zQ = 0;
    for (let i = 0; i < VOCAB; i++) {
      pr[i] = Math.exp((p[offset + i] - maxP) / temperature);
      qr[i] = Math.exp((q[offset + i] - maxQ) / temperature);
      zP += pr[i];
      zQ += qr[i];
    }
    let kl = 0;
    for (let i = 0; i < VOCAB; i++) {
      const pi = pr[i] / zP;
      if (pi > 0) kl += pi * Math.log(pi / (qr[i] / zQ));
    }
    perToken[t] = kl;
  }
  return perToken;
}

export const klTokens = {
  name: 'kl.tokens-512x32k',
  goal: '≤ 500 ms',
  meets: (r) => r.ours_ms <= 500,
  async run({ quick }) {
    const tokens = loadOut('src/core/kl/tokens');
    const perTokenKl = need(tokens, 'src/core/kl/tokens', 'perTokenKl');
    const logDistribution = need(loadOut('src/core/kl/coerce'), 'src/core/kl/coerce', 'logDistribution');
    const logProbabilitiesOf = need(loadOut('src/core/kl/logSpace'), 'src/core/kl/logSpace', 'logProbabilitiesOf');
    const { p, q } = policyLogits();
    // A different temperature every run: no result can be reused from an earlier run.
    const temperatureOf = (run) => 1 + run * 1e-6;
    let sink = 0;
    const rows = (logits, temperature) =>
      Array.from({ length: TOKENS }, (_, t) => logDistribution(logProbabilitiesOf(logits.subarray(t * VOCAB, (t + 1) * VOCAB), temperature), 'softmax'));
    const result = await compare({
      ours: (run) => {
        const temperature = temperatureOf(run);
        sink += perTokenKl(rows(p, temperature), rows(q, temperature)).sum;
      },
      baseline: (run) => {
        sink += textbookPerTokenKl(p, q, temperatureOf(run))[0];
      },
      warmup: 1,
      minRuns: quick ? 1 : 5,
      maxRuns: quick ? 1 : 15,
      budgetMs: quick ? 1000 : 20_000,
    });
    if (!Number.isFinite(sink)) throw new Error('per-token KL is not finite');
    return {
      ...result,
      baseline: 'textbook softmax + Σ p ln(p/q) loop',
      note: '512 tokens × 32,000 logits per policy (16.4 M entries each), rows built and KL summed per run, T changed per run',
    };
  },
};
