import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
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

/** A free port whose successor is free too (run-kafka.mjs puts the controller on port + 1). */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    if (port < 65000 && !(await answers(port + 1))) return port;
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}
