// jest globalSetup: the Kafka the tests run against. TEST_KAFKA_BROKERS or KAFKA_BROKERS when set
// (CI's .ci/run starts one with `npm run kafka -- --detach`); else a broker already answering on 127.0.0.1:9092 (a developer's
// `npm run kafka`); else, where Java and Maven exist, a private one on a free port, stopped in
// globalTeardown. The tests read the answer from TEST_KAFKA_BROKERS (libs/test-support kafkaBrokers()).
const { spawnSync } = require('node:child_process');
const { connect, createServer } = require('node:net');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');

const answers = (port) =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
  });

const freePortPair = async () => {
  for (;;) {
    const port = await new Promise((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address();
        server.close(() => resolve(p));
      });
    });
    if (port < 65000 && !(await answers(port + 1))) return port;
  }
};

const has = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

module.exports = async function kafkaGlobalSetup() {
  if (process.env.TEST_KAFKA_BROKERS?.trim()) return;
  if (process.env.KAFKA_BROKERS?.trim()) {
    process.env.TEST_KAFKA_BROKERS = process.env.KAFKA_BROKERS.trim();
    return;
  }
  if (await answers(9092)) {
    process.env.TEST_KAFKA_BROKERS = '127.0.0.1:9092';
    return;
  }
  if (!has('java', ['-version']) || !has('mvn', ['-v'])) return; // the Kafka suites say they were skipped (and fail under CI)
  const port = await freePortPair();
  const dataDir = join(root, 'tools', 'kafka', 'target', `test-data-${port}`);
  const started = spawnSync(process.execPath, [join(root, 'tools', 'kafka', 'run-kafka.mjs'), '--detach', '--port', String(port), '--data-dir', dataDir], { stdio: 'inherit' });
  if (started.status !== 0) throw new Error('could not start the local Kafka broker for the tests (tools/kafka/run-kafka.mjs)');
  process.env.TEST_KAFKA_BROKERS = `127.0.0.1:${port}`;
  globalThis.__TEST_KAFKA_PORT__ = port;
};
