import { ConfigError, loadConfig, wholeNumber } from '@ciba/service-kit';
import { z } from 'zod';

/** Environment of the all-in-one process itself; every service's own schema is read as well. */
export const allInOneEnv = z.object({
  /**
   * Processes that each run the whole system on `PORT` (node:cluster shares the listening socket);
   * `--workers N` on the command line wins. With 1 there is no cluster: the one process serves.
   * With more, a primary migrates once, forks the workers, replaces one that dies and serves the
   * workers' metrics summed on `METRICS_PORT`.
   */
  CIBA_WORKERS: wholeNumber('workers', 1, 1, 64),
});

/**
 * `CIBA_WORKERS`, or `--workers N` (or `--workers=N`) from `argv`, which wins. A bad value of either
 * throws the one-line `ConfigError` naming `CIBA_WORKERS`.
 */
export function loadWorkerCount(env: NodeJS.ProcessEnv, argv: readonly string[]): number {
  const flag = argv.findIndex((arg) => arg === '--workers' || arg.startsWith('--workers='));
  const fromFlag = flag < 0 ? undefined : argv[flag]!.includes('=') ? argv[flag]!.split('=')[1] : (argv[flag + 1] ?? '');
  if (fromFlag === '') throw new ConfigError('invalid configuration: CIBA_WORKERS: --workers needs a number of workers');
  return loadConfig(allInOneEnv, fromFlag === undefined ? env : { ...env, CIBA_WORKERS: fromFlag }).CIBA_WORKERS;
}
