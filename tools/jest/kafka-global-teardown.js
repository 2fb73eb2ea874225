// jest globalTeardown: stops the broker kafka-global-setup.js started, if it started one.
const { spawnSync } = require('node:child_process');
const { rmSync } = require('node:fs');
const { join } = require('node:path');

module.exports = async function kafkaGlobalTeardown() {
  const port = globalThis.__TEST_KAFKA_PORT__;
  if (!port) return;
  spawnSync(process.execPath, [join(__dirname, '..', 'kafka', 'run-kafka.mjs'), '--stop', '--port', String(port)], { stdio: 'inherit' });
  rmSync(join(__dirname, '..', 'kafka', 'target', `test-data-${port}`), { recursive: true, force: true });
};
