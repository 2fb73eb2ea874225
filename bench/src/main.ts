// `npm run bench`: our CIBA system against oidc-provider on this machine (issue 4). See bench/README.md.
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { USAGE, parseBenchArgs, type BenchOptions } from './args.ts';
import { startClientNotificationReceiver } from './client-notifications.ts';
import { startDeviceSimulator } from './device-simulator.ts';
import { measureCommitRate, type CommitRate } from './infra/pgbench.ts';
import { cleanupAll, onCleanup } from './process/cleanup.ts';
import { compare } from './report/compare.ts';
import { formatReport } from './report/format-report.ts';
import { runMeta } from './report/run-meta.ts';
import { summarize } from './report/summarize.ts';
import { checkTargets } from './report/targets.ts';
import { writeResult } from './report/write-result.ts';
import { describeProfile } from './profile/summarize-profile.ts';
import { runScale } from './scale/run-scale.ts';
import { startSystems } from './start-systems.ts';
import type { BenchContext } from './workloads/bench-context.ts';
import { runComparison } from './workloads/run-comparison.ts';
import type { Sample } from './workloads/sample.ts';

const version = (pkg: string) => (createRequire(__filename)(`${pkg}/package.json`) as { version: string }).version;

async function main(options: BenchOptions): Promise<void> {
  const started = performance.now();
  const meta = runMeta({ 'oidc-provider': version('oidc-provider'), autocannon: version('autocannon'), undici: version('undici') });
  let commitRate: CommitRate | undefined;
  if (options.pgbench) {
    process.stdout.write('measuring PostgreSQL commit rate (pgbench, one-row INSERT)…\n');
    commitRate = await measureCommitRate(options.concurrency, options.quick ? 3 : 10);
    process.stdout.write(`  ${Object.entries(commitRate.tps).map(([c, tps]) => `${c} client(s): ${Math.round(tps)} commits/s`).join(', ')}\n`);
  }
  const device = await startDeviceSimulator();
  onCleanup('device simulator', () => device.close());
  const notifications = await startClientNotificationReceiver();
  onCleanup('client notification endpoint', () => notifications.close());
  const ctx: BenchContext = { options, device, notifications, users: options.users, notes: [] };
  const { systems, failures, notes } = await startSystems(ctx, options);
  if (systems.length === 0) throw new Error('no system could be started');

  if (options.scale) {
    const scale = await runScale(ctx, systems, commitRate?.tps['1']);
    await cleanupAll();
    const path = writeResult(options.out, { kind: 'scale', meta, options, failures, notes, commitRate, scale: scale.steps }, '-scale');
    process.stdout.write(`\n${scale.report}\n\n${notes.join('\n')}\n`);
    printProfiles(scale.steps.map((s) => s.sample));
    process.stdout.write(`result: ${path}\n`);
    return;
  }

  process.stdout.write(`running ${options.rounds} round(s) × ${options.workloads.join(', ')} × ${systems.map((s) => s.name).join(' / ')}, ${options.duration} s each, concurrency ${options.concurrency}\n`);
  const samples = await runComparison(ctx, systems);
  notes.push(...ctx.notes);
  await cleanupAll();
  const rows = summarize(samples);
  const comparisons = compare(rows);
  const targets = checkTargets(rows, comparisons);
  const report = formatReport(rows, comparisons, targets);
  const path = writeResult(options.out, { kind: 'comparison', meta, options, failures, notes, commitRate, summary: rows, comparisons, targets, samples });
  const elapsed = ((performance.now() - started) / 1000).toFixed(0);
  process.stdout.write(`\n${systems.map((s) => s.label).join(' vs ')}; ${meta.cores} cores, ${meta.cpu}\n\n${report}\n`);
  for (const [name, why] of Object.entries(failures)) process.stdout.write(`\n${name} NOT MEASURED: ${why.split('\n')[0]}\n`);
  if (notes.length) process.stdout.write(`\n${notes.join('\n')}\n`);
  printProfiles(samples);
  process.stdout.write(`\nresult: ${path} (${elapsed} s)\n`);
}

/** With --cpu-prof: the hot spots of each workload and system's last measurement (its busiest process). */
function printProfiles(samples: Sample[]): void {
  const last = new Map<string, Sample>();
  for (const s of samples) if (s.profileFiles?.length) last.set(`${s.workload} ${s.system}`, s);
  for (const [what, s] of last) {
    const busiest = [...s.profileFiles!].sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    process.stdout.write(`\n${what}, round ${s.round}: ${describeProfile(busiest, 8)}\n`);
  }
}

let options: BenchOptions;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
main(options).then(
  () => process.exit(0),
  async (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error)?.stack ?? err}\n`);
    await cleanupAll();
    process.exit(1);
  },
);
