#!/usr/bin/env node
// `npm run kafka`: one Apache Kafka broker+controller (KRaft) on 127.0.0.1:9092 for development,
// tests and CI. The jars come from Maven Central through tools/kafka/pom.xml (fetched on first run
// into tools/kafka/target/libs, ignored); nothing else is downloaded. Ctrl-C stops it cleanly.
//
//   npm run kafka                       # foreground; Ctrl-C stops
//   npm run kafka -- --detach           # starts, waits until it answers, leaves it running (pid file)
//   npm run kafka -- --stop             # stops a detached broker
//   options: --port 9092 --data-dir <dir> (default tools/kafka/target/data; wiped on each start
//   unless --keep-data, which restarts the same cluster with what it held)
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const port = Number(option('port', process.env.KAFKA_PORT ?? '9092'));
const controllerPort = port + 1;
const dataDir = resolve(option('data-dir', join(here, 'target', 'data')));
const libs = join(here, 'target', 'libs');
const pidFile = join(here, 'target', `kafka-${port}.pid`);
const log = (line) => process.stderr.write(`kafka: ${line}\n`);

if (args.includes('--stop')) await stopDetached();
else await start(args.includes('--detach'));

async function start(detach) {
  if (await answers(port)) {
    log(`something already answers on 127.0.0.1:${port}; not starting another broker`);
    process.exit(detach ? 0 : 1);
  }
  fetchJars();
  const keep = args.includes('--keep-data') && existsSync(join(dataDir, 'logs', 'meta.properties'));
  if (!keep) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const properties = writeConfig();
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const classpath = `${libs}/*`;
  const jvm = ['-Xms256m', '-Xmx1g', '-XX:+UseG1GC', `-Dlog4j2.configurationFile=${join(dataDir, 'log4j2.properties')}`, '-Djava.awt.headless=true', '-cp', classpath];
  if (!keep) {
    const clusterId = newClusterId();
    const format = spawnSync(java, [...jvm, 'kafka.tools.StorageTool', 'format', '--standalone', '-t', clusterId, '-c', properties], { encoding: 'utf8' });
    if (format.status !== 0) {
      log(`formatting the storage failed:\n${format.stdout}${format.stderr}`);
      process.exit(1);
    }
  }
  const out = openSync(join(dataDir, 'broker.out'), 'a');
  const broker = spawn(java, [...jvm, 'kafka.Kafka', properties], { stdio: ['ignore', out, out], detached: detach });
  const exited = new Promise((resolveExit) => broker.once('exit', (code, signal) => resolveExit({ code, signal })));
  const ready = await Promise.race([waitUntilReady(), exited.then(() => false)]);
  if (!ready) {
    broker.kill('SIGKILL');
    log(`the broker did not come up; see ${join(dataDir, 'broker.out')} and ${join(dataDir, 'server.log')}`);
    process.stderr.write(tail(join(dataDir, 'server.log')));
    process.exit(1);
  }
  log(`broker+controller (KRaft) ready on 127.0.0.1:${port} (pid ${broker.pid}, data ${dataDir})`);
  if (detach) {
    writeFileSync(pidFile, String(broker.pid));
    broker.unref();
    process.exit(0);
  }
  const stop = () => broker.kill('SIGTERM'); // Kafka shuts down cleanly on SIGTERM
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const { code, signal } = await exited;
  log(`stopped (${signal ?? `exit ${code}`})`);
  process.exit(code === 0 || signal === 'SIGTERM' || code === 143 ? 0 : 1);
}

/** Fetches the broker's jars through Maven once (or again when the pom names other versions). */
function fetchJars() {
  const pom = readFileSync(join(here, 'pom.xml'), 'utf8');
  const version = /<kafka.version>([^<]+)</.exec(pom)?.[1];
  if (existsSync(libs) && readdirSync(libs).includes(`kafka_2.13-${version}.jar`)) return;
  log(`fetching Apache Kafka ${version} and its dependencies from Maven Central (once)`);
  rmSync(libs, { recursive: true, force: true });
  const mvn = spawnSync('mvn', ['-q', '-B', '-f', join(here, 'pom.xml'), 'dependency:copy-dependencies'], { stdio: 'inherit' });
  if (mvn.status !== 0) {
    log('maven could not fetch the broker: Java 17 and Maven are needed (or point KAFKA_BROKERS at a broker of your own)');
    process.exit(1);
  }
}

/** A single node fit for tests: one replica, small segments, no automatic topic creation (our topic creator makes them). */
function writeConfig() {
  const properties = join(dataDir, 'server.properties');
  writeFileSync(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.bootstrap.servers=127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      `log.dirs=${join(dataDir, 'logs')}`,
      'auto.create.topics.enable=false',
      'delete.topic.enable=true',
      'num.partitions=1',
      'default.replication.factor=1',
      'min.insync.replicas=1',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=8',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'log.segment.bytes=1048576',
      'log.retention.hours=24',
      'log.retention.check.interval.ms=60000',
      'log.flush.interval.messages=9223372036854775807',
      'num.network.threads=2',
      'num.io.threads=4',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dataDir, 'log4j2.properties'),
    [
      'status = warn',
      'appender.file.type = File',
      'appender.file.name = file',
      `appender.file.fileName = ${join(dataDir, 'server.log')}`,
      'appender.file.layout.type = PatternLayout',
      'appender.file.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = info',
      'rootLogger.appenderRef.file.ref = file',
      'logger.kafka.name = kafka',
      'logger.kafka.level = info',
      'logger.apache.name = org.apache.kafka',
      'logger.apache.level = warn',
      '',
    ].join('\n'),
  );
  return properties;
}

/** Ready once the listener accepts connections and the broker has registered (its log says so). */
async function waitUntilReady() {
  const startsBefore = existsSync(join(dataDir, 'server.log')) ? readFileSync(join(dataDir, 'server.log'), 'utf8').split('Kafka Server started').length : 1;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const started = existsSync(join(dataDir, 'server.log')) && readFileSync(join(dataDir, 'server.log'), 'utf8').split('Kafka Server started').length > startsBefore;
    if (started && (await answers(port))) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function answers(onPort) {
  return new Promise((resolveAnswer) => {
    const socket = connect({ host: '127.0.0.1', port: onPort });
    socket.once('connect', () => {
      socket.destroy();
      resolveAnswer(true);
    });
    socket.once('error', () => resolveAnswer(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolveAnswer(false);
    });
  });
}

async function stopDetached() {
  if (!existsSync(pidFile)) {
    log('no detached broker to stop');
    return;
  }
  const pid = Number(readFileSync(pidFile, 'utf8'));
  rmSync(pidFile, { force: true });
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      log(`stopped (pid ${pid})`);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  process.kill(pid, 'SIGKILL');
  log(`killed (pid ${pid}) after 30 s`);
}

function tail(file) {
  return existsSync(file) ? `${readFileSync(file, 'utf8').split('\n').slice(-30).join('\n')}\n` : '';
}

/**
 * A cluster id as Kafka's `Uuid.randomUuid()` makes them: 16 random bytes in base64url, never one
 * that starts with "-" (the storage tool's argument parser would read it as an option: one format
 * in 64 failed with "argument --cluster-id/-t: expected one argument").
 */
function newClusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
