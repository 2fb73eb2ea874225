import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchOptions, Bus, SystemName } from './args.ts';
import { startBenchKafka, type BenchKafka } from './infra/kafka-broker.ts';
import { startOidcProvider } from './systems/oidc-provider.ts';
import { ourName, startOurs } from './systems/ours.ts';
import type { SystemUnderTest } from './systems/system-under-test.ts';
import type { BenchContext } from './workloads/bench-context.ts';

export type StartedSystem = SystemUnderTest & { seedUsers(from: number, to: number): Promise<void> };

/**
 * Starts the selected systems, ours first (once per event bus, `--bus`; the Kafka broker before it).
 * One that fails to start is reported and left out, so the others are still measured (and the report
 * says what is missing).
 */
export async function startSystems(ctx: BenchContext, options: BenchOptions): Promise<{ systems: StartedSystem[]; failures: Record<string, string>; notes: string[] }> {
  const cpuProfDir = options.cpuProf ? resolve(options.out, 'profiles') : undefined;
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });
  const systems: StartedSystem[] = [];
  const failures: Record<string, string> = {};
  const notes: string[] = [];
  const starts = options.systems.flatMap((system): Array<{ system: SystemName; bus?: Bus; workers?: number }> =>
    system === 'ours' ? options.workers.flatMap((workers) => options.buses.map((bus) => ({ system, bus, workers }))) : [{ system }],
  );
  let kafka: BenchKafka | undefined;
  for (const { system, bus, workers } of starts) {
    const name = system === 'ours' ? ourName(bus === 'kafka', workers ?? 1) : system;
    const t0 = performance.now();
    try {
      if (system === 'ours') {
        if (bus === 'kafka' && !kafka) {
          kafka = await startBenchKafka(options.kafkaBrokers);
          notes.push(`ours-kafka: events over ${kafka.description}`);
        }
        const ours = await startOurs({ users: ctx.users, webhookUrl: ctx.device.url, notificationUrl: ctx.notifications.url, modes: options.modes, interval: options.interval, cpuProfDir, workers: workers ?? 1, ...(bus === 'kafka' ? { kafka } : {}) });
        for (const [mode, why] of Object.entries(ours.refusedModes)) notes.push(`${ours.name}: no ${mode} client (${why}); full-flow:${mode} not measured`);
        systems.push(ours);
      } else {
        systems.push(await startOidcProvider({ users: ctx.users, webhookUrl: ctx.device.url, cpuProfDir }));
      }
      process.stdout.write(`${name} up with ${ctx.users} users in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    } catch (err) {
      const message = (err as Error).message;
      failures[name] = message.split('\n').slice(0, 12).join('\n');
      process.stderr.write(`${name} could not be started; measuring without it:\n${failures[name]}\n`);
    }
  }
  if (cpuProfDir) notes.push(`CPU profiles (one per measurement and server process): ${join(cpuProfDir, '<system>', '<pid>-<n>.cpuprofile')}`);
  return { systems, failures, notes };
}
