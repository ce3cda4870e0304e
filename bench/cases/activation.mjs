// activation: Mathpost's activation time in a real VS Code (code-server), from the extension host's
// own timing, vs the built-in markdown-language-features activated alone in the same host.
import { median } from '../lib/harness.mjs';
import { measureActivation } from '../lib/activation.mjs';
import { packageVsix } from '../lib/vsix.mjs';

export const activation = {
  name: 'activation',
  goal: '≤ 50 ms',
  meets: (r) => r.ours_ms <= 50,
  async run({ quick, log }) {
    const { vsix } = packageVsix();
    const { ours, baseline } = await measureActivation(vsix, { runs: quick ? 1 : 3, log });
    return {
      ours_ms: median(ours),
      baseline: 'built-in markdown-language-features (same host)',
      baseline_ms: median(baseline),
      runs: ours.length,
      note: 'Running Extensions "Activation" (code loading + activate()), code-server, new window per run',
    };
  },
};
