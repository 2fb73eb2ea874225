import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { createApp, finishApp } from '@ciba/service-kit';
import { createAuthEndpointService, type AuthEndpointService } from '../../src/service.ts';
import { recordingBus, type RecordingBus } from './recording-bus.ts';
import { testConfig } from './test-config.ts';
import { createTestDirectory, type TestDirectory } from './test-directory.ts';

export interface TestService {
  service: AuthEndpointService;
  directory: TestDirectory;
  bus: RecordingBus;
  /** A connection to the test's database, for assertions on the service's tables. */
  db: pg.Client;
  schema: string;
  url: string;
  /** Everything the service logged, one JSON line each. */
  logs: string[];
  dispose(): Promise<void>;
}

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba';

/**
 * The service on 127.0.0.1:<random port> in a PostgreSQL schema of its own (dropped by `dispose`),
 * with the in-test directory and bus, logging at trace level into `logs`.
 */
export async function startTestService(env: Record<string, string> = {}): Promise<TestService> {
  const schema = `auth_endpoint_t_${randomBytes(4).toString('hex')}`;
  const directory = await createTestDirectory();
  const bus = recordingBus();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'trace' }, sink);
  const service = await createAuthEndpointService({ config: testConfig({ DATABASE_URL: databaseUrl, ...env }), logger, bus, directory, schema });
  await service.start();
  const app = createApp();
  app.use(service.router);
  finishApp(app, logger);
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  return {
    service,
    directory,
    bus,
    db,
    schema,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logs,
    async dispose() {
      await new Promise((resolve) => server.close(resolve));
      await service.stop();
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.end();
    },
  };
}
