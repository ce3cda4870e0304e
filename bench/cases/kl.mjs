// kl.hover-1k: the hover over `kl(P, Q)` in a kl block whose P and Q have 1,000 elements each
// (parse the snippet, evaluate, format the markdown), as the hover provider does on every mouse stop.
import { compare } from '../lib/harness.mjs';
import { seededRandom } from '../lib/random.mjs';
import { createOurHover } from '../lib/ourSides.mjs';

function distribution(random, size) {
  const raw = Array.from({ length: size }, () => random.int(1, 1000));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => (v / total).toPrecision(6));
}

/** A note with a kl block over two 1,000-element distributions, and the offset of its `kl(P, Q)`. */
export function klNote(size = 1000) {
  const random = seededRandom(7);
  const note = [
    '---', 'title: KL over 1,000 outcomes', 'date: 2025-06-25 10:00:00', '---', '', '## 大分布', '',
    '```kl', `P = [${distribution(random, size).join(', ')}]`, `Q = [${distribution(random, size).join(', ')}]`,
    'kl(P, Q)', '```', '',
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
