import { createServer } from 'node:net';
import { kafkaAvailable, kafkaBrokers } from '@ciba/test-support';
import type { EventBus } from '../../src/event-bus.ts';
import { KafkaBus } from '../../src/kafka/kafka-bus.ts';
import { RedisStreamsBus } from '../../src/redis-streams/redis-streams-bus.ts';
import { testLogger } from '../support/test-logger.ts';

// EventBus.ping(), what /readyz asks of the bus: it resolves while the broker answers and rejects when
// nothing listens where the bus points.
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A 127.0.0.1 port nobody listens on (bound, read, released). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const buses: EventBus[] = [];
const track = <B extends EventBus>(bus: B): B => (buses.push(bus), bus);
afterEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
});

describe('RedisStreamsBus.ping', () => {
  it('resolves on a connected Redis', async () => {
    const bus = track(new RedisStreamsBus({ redisUrl, clientId: 'ping-test', logger: testLogger }));
    await waitReady(bus);
    await expect(bus.ping()).resolves.toBeUndefined();
  });

  it('rejects at once when Redis is unreachable (does not queue the PING)', async () => {
    const bus = track(new RedisStreamsBus({ redisUrl: `redis://127.0.0.1:${await deadPort()}`, clientId: 'ping-test', logger: testLogger }));
    await expect(bus.ping()).rejects.toThrow(/^redis connection /);
  });
});

const describeKafka = kafkaAvailable('KafkaBus.ping') ? describe : describe.skip;

describeKafka('KafkaBus.ping', () => {
  it('resolves while the cluster answers its metadata request', async () => {
    const bus = track(new KafkaBus({ brokers: kafkaBrokers(), clientId: 'ping-test', logger: testLogger }));
    await expect(bus.ping()).resolves.toBeUndefined();
    await expect(bus.ping()).resolves.toBeUndefined();
  });

  it('rejects when no broker answers', async () => {
    const bus = track(new KafkaBus({ brokers: [`127.0.0.1:${await deadPort()}`], clientId: 'ping-test', logger: testLogger }));
    await expect(bus.ping()).rejects.toThrow();
  }, 60_000);
});

/** The bus' connection is up once a PING goes through (the first one may race the connect). */
async function waitReady(bus: RedisStreamsBus): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await bus.ping().then(() => true, () => false)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
