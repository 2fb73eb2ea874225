import { loadWorkerCount } from '../../src/config.ts';

describe('loadWorkerCount (CIBA_WORKERS, --workers)', () => {
  it('is 1 when neither is given', () => {
    expect(loadWorkerCount({}, [])).toBe(1);
  });

  it('reads CIBA_WORKERS', () => {
    expect(loadWorkerCount({ CIBA_WORKERS: '3' }, [])).toBe(3);
  });

  it.each([[['--workers', '4']], [['--workers=4']]])('lets %j win over CIBA_WORKERS', (argv) => {
    expect(loadWorkerCount({ CIBA_WORKERS: '2' }, argv)).toBe(4);
  });

  it.each([
    [{ CIBA_WORKERS: '0' }, [], 'invalid configuration: CIBA_WORKERS: must be at least 1 workers'],
    [{}, ['--workers', '65'], 'invalid configuration: CIBA_WORKERS: must be at most 64 workers'],
    [{}, ['--workers', '1.5'], 'invalid configuration: CIBA_WORKERS: expected a whole number of workers'],
    [{}, ['--workers'], 'invalid configuration: CIBA_WORKERS: --workers needs a number of workers'],
  ])('refuses %j %j naming CIBA_WORKERS', (env, argv, message) => {
    expect(() => loadWorkerCount(env, argv)).toThrow(message);
  });
});
