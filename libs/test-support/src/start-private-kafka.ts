import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runKafka = join(__dirname, '..', '..', '..', 'tools', 'kafka', 'run-kafka.mjs');

/** A Kafka broker of one test file's own: stop and start it at will, nobody else's topics on it. */
export interface PrivateKafka {
  /** `['127.0.0.1:<port>']`, for `KAFKA_BROKERS`. */
  brokers: string[];
  port: number;
  /** Stops the broker cleanly (SIGTERM, as an operator would); its data stays for `start()`. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the data it held (`--keep-data`); resolves once it answers. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  dispose(): Promise<void>;
}

/**
 * Starts an Apache Kafka broker+controller (KRaft) through `tools/kafka/run-kafka.mjs` on a free
 * 127.0.0.1 port pair (broker, controller), with its data in a fresh temporary directory. Needs Java 17
 * and Maven, as `npm run kafka` does; check `kafkaAvailable(suite)` first.
 */
export async function startPrivateKafka(): Promise<PrivateKafka> {
  const port = await freePortPair();
  const dataDir = mkdtempSync(join(tmpdir(), `ciba-kafka-${port}-`));
  const run = (...args: string[]) => runScript([...args, '--port', String(port), '--data-dir', dataDir]);
  let running = false;
  const kafka: PrivateKafka = {
    brokers: [`127.0.0.1:${port}`],
    port,
    async stop() {
      if (!running) return;
      await run('--stop');
      running = false;
    },
    async start() {
      await run('--detach', '--keep-data');
      running = true;
    },
    async dispose() {
      await kafka.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await kafka.start();
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return kafka;
}

/** Runs run-kafka.mjs without blocking the test's event loop (its servers keep answering meanwhile). */
function runScript(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [runKafka, ...args], { timeout: 180_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`run-kafka.mjs ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve();
    });
  });
}

/**
 * A port whose successor is free too (run-kafka.mjs puts the controller on port + 1), both bound and
 * released here to prove it. They are drawn below the kernel's ephemeral range (32768 and up on Linux):
 * a port from `listen(0)` is an ephemeral one, and between this check and the broker's bind (and again
 * when the broker restarts on the same ports) any outgoing connection may take it as its local port, which
 * made the controller's bind fail with "Address already in use".
 */
async function freePortPair(): Promise<number> {
  const low = 20_000;
  const high = 32_000;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if ((await bindable(port)) && (await bindable(port + 1))) return port;
  }
  throw new Error(`no free port pair between ${low} and ${high}`);
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
