import * as assert from 'node:assert/strict';
import { cliKatexWorkers } from '../../../src/cli/render';
import { MAX_WORKERS } from '../../../src/node/katexPool';

describe('mathpost render: KaTeX workers only where there are cores to spare', () => {
  it('renders on this thread alone below 4 cores (measured slower with a worker on 2)', () => {
    for (const cores of [1, 2, 3]) assert.equal(cliKatexWorkers(cores), 0, `${cores} cores`);
  });

  it("from 4 cores on, one per core but this thread's, at most MAX_WORKERS (as the extension's pool)", () => {
    assert.equal(cliKatexWorkers(4), 3);
    assert.equal(cliKatexWorkers(MAX_WORKERS + 1), MAX_WORKERS);
    assert.equal(cliKatexWorkers(64), MAX_WORKERS);
  });
});
