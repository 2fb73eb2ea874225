import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from '../process/cleanup.ts';
import { freePort } from '../process/free-port.ts';
import { listenerPid } from './listener-pid.ts';

const kafkaTool = join(__dirname, '..', '..', '..', 'tools', 'kafka');

export interface BenchKafka {
  brokers: string[];
  /** The broker's process (a JVM), whose CPU is charged to ours over Kafka; undefined when it is not a local process. */
  pid?: number;
  /** Where it came from, for the report. */
  description: string;
  stop(): Promise<void>;
}

/**
 * The Kafka that ours runs over with `--bus kafka`: the given brokers (their pid looked up when one
 * listens locally), else a broker+controller of the bench's own (Apache Kafka 4.1, KRaft, through
 * tools/kafka/run-kafka.mjs: one node, JVM -Xmx1g) on a free port, with its data in a temporary
 * directory; stopped and removed at the end, also on Ctrl-C or a failure.
 */
export async function startBenchKafka(given?: string[]): Promise<BenchKafka> {
  if (given) {
    const [host, port] = given[0]!.split(/:(?=\d+$)/);
    const pid = given.length === 1 && ['127.0.0.1', 'localhost'].includes(host!) ? listenerPid(Number(port)) : undefined;
    return { brokers: given, ...(pid ? { pid } : {}), description: `Kafka at ${given.join(',')}${pid ? ` (pid ${pid})` : ' (its CPU not measured)'}`, stop: async () => undefined };
  }
  const port = await freePortPair();
  const dataDir = mkdtempSync(join(tmpdir(), 'ciba-bench-kafka-'));
  const run = (...args: string[]) => runKafka([...args, '--port', String(port), '--data-dir', dataDir]);
  let pid: number | undefined;
  const killNow = () => {
    if (pid) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  // Even when the bench dies before its cleanup ran: the broker runs detached.
  process.once('exit', killNow);
  const stop = async () => {
    await run('--stop');
    pid = undefined;
    rmSync(dataDir, { recursive: true, force: true });
    process.off('exit', killNow);
  };
  const unregister = onCleanup('kafka broker', stop);
  try {
    await run('--detach');
  } catch (err) {
    unregister();
    killNow();
    process.off('exit', killNow);
    throw err;
  }
  pid = Number(readFileSync(join(kafkaTool, 'target', `kafka-${port}.pid`), 'utf8'));
  return {
    brokers: [`127.0.0.1:${port}`],
    pid,
    description: `a private Apache Kafka broker on 127.0.0.1:${port} (pid ${pid})`,
    async stop() {
      unregister();
      await stop();
    },
  };
}

function runKafka(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(kafkaTool, 'run-kafka.mjs'), ...args], { timeout: 300_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`tools/kafka/run-kafka.mjs ${args.join(' ')}: ${err.message}\n${stderr}`));
      else resolve();
    });
  });
}

/** A free port whose successor is free too: run-kafka.mjs puts the controller on port + 1. */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port >= 65000) continue;
    const next = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port + 1, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (next) return port;
  }
}
