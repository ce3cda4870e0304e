// activation: Mathpost's activation time in a real VS Code (code-server), from the extension host's
// own timing, vs the built-in markdown-language-features activated alone in the same host.
import { median, spread } from '../lib/harness.mjs';
import { measureActivation } from '../lib/activation.mjs';
import { packageVsix } from '../lib/vsix.mjs';

export const activation = {
  name: 'activation',
  goal: '≤ 50 ms',
  meets: (r) => r.ours_ms <= 50,
  async run({ quick, log }) {
    const { vsix } = packageVsix();
    // 10 runs, as the other real-host rows: with 3, one slow window moved the median by 30 ms.
    const { ours, baseline } = await measureActivation(vsix, { runs: quick ? 1 : 10, log });
    return {
      ours_ms: median(ours),
      ...spread(ours, 'ours'),
      baseline: 'built-in markdown-language-features (same host)',
      baseline_ms: median(baseline),
      ...spread(baseline, 'baseline'),
      runs: ours.length,
      samples: [ours, baseline],
      note: 'Running Extensions "Activation" (code loading + activate()), code-server, new window per run',
    };
  },
};
