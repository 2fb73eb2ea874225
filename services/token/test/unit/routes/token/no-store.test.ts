import { noStore } from '../../../../src/routes/token/no-store.ts';
import { runStep } from '../../../support/run-step.ts';

describe('noStore', () => {
  it('sets Cache-Control: no-store and Pragma: no-cache', async () => {
    const run = await runStep(noStore);
    expect(run.res.headers).toEqual({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    expect(run.nextCalled).toBe(true);
  });
});
