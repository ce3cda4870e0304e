// vsix.size: bytes of the packaged VSIX (production build + vsce, as `npm run package`).
import { packageVsix } from '../lib/vsix.mjs';

export const vsixSize = {
  name: 'vsix.size',
  goal: '≤ 2 MB',
  unit: 'bytes',
  meets: (r) => r.ours_value <= 2 * 1024 * 1024,
  async run({ log }) {
    const { bytes, seconds } = packageVsix();
    log(`  packaged in ${seconds.toFixed(1)} s`);
    return { ours_value: bytes, runs: 1, note: `${bytes} bytes` };
  },
};
