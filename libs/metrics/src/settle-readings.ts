import { collectErrors } from './collect-errors.ts';

/** One scrape-time source: its reading, and the samples it stands for (NaN values when it fails). */
export interface ReadingSource<R> {
  read(): Promise<R>;
  failed(): R;
}

/**
 * Reads every source at once; a source that fails or times out counts one
 * `ciba_metrics_collect_errors_total{collector}` and gives its `failed()` (NaN) reading, so one stalled
 * dependency never fails the scrape as a whole.
 */
export async function settleReadings<R>(collector: string, sources: Iterable<ReadingSource<R>>): Promise<R[]> {
  return Promise.all(
    [...sources].map(async (source) => {
      try {
        return await source.read();
      } catch {
        collectErrors.inc({ collector });
        return source.failed();
      }
    }),
  );
}
