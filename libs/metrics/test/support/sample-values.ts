import { metricsRegistry } from '../../src/metrics-registry.ts';

/** The current samples of one metric of the process registry (its `collect` runs, as in a scrape). */
export async function sampleValues(name: string): Promise<Array<{ labels: Record<string, string | number>; value: number }>> {
  const metric = metricsRegistry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  return (await metric.get()).values.map(({ labels, value }) => ({ labels: labels as Record<string, string | number>, value }));
}

/** The value of the sample of `name` with exactly these labels' values among its labels, or undefined. */
export async function sampleValue(name: string, labels: Record<string, string>): Promise<number | undefined> {
  const samples = await sampleValues(name);
  return samples.find((s) => Object.entries(labels).every(([k, v]) => String(s.labels[k]) === v))?.value;
}
