import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort, startServiceProcess, type ServiceProcess } from '../../support/service-process.ts';

const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface ConsentPath {
  /** The token service: discovery, `/register`, `/admin/users`, the directory. */
  tokenUrl: string;
  adminToken: string;
  /** The consent dispatchers, each with its own URL (what its prompts' `decision_uri` start with). */
  dispatchers: Array<{ url: string; process: ServiceProcess }>;
  /** Stops every process and drops the database. */
  dispose(): Promise<void>;
}

/**
 * The path a prompt takes, each service its own process (its `src/main.ts`) over the given Kafka
 * brokers: the token service (directory), the auth-endpoint (bc-authorize, its outbox) and
 * `dispatchers` consent dispatchers in one consumer group (and the webhook channel that delivers their offers), sharing one database and Redis namespace
 * as replicas of a Deployment do. Each dispatcher has its own public URL, so a prompt's `decision_uri`
 * tells which one delivered it. `env` is added to every process (e.g. `KAFKA_SESSION_TIMEOUT_MS`).
 */
export async function startConsentPath(kafkaBrokers: string[], dispatchers: number, env: Record<string, string> = {}): Promise<ConsentPath> {
  const id = randomBytes(4).toString('hex');
  const database = `ciba_kfaults_${id}`;
  const db = new URL(serverUrl);
  db.pathname = `/${database}`;
  const [tokenPort, authPort] = [await freePort(), await freePort()];
  const tokenUrl = `http://127.0.0.1:${tokenPort}`;
  const authUrl = `http://127.0.0.1:${authPort}`;
  const adminToken = `admin-${randomBytes(16).toString('hex')}`;
  const shared = {
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: db.toString(),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_NAMESPACE: `kfaults-${id}`,
    KAFKA_BROKERS: kafkaBrokers.join(','),
    ADMIN_TOKEN: adminToken,
    INTERNAL_TOKEN: `internal-${randomBytes(16).toString('hex')}`,
    ISSUER: tokenUrl,
    AUTH_ENDPOINT_PUBLIC_URL: authUrl,
    TOKEN_SERVICE_URL: tokenUrl,
    AUTH_ENDPOINT_URL: authUrl,
    CIBA_DEFAULT_INTERVAL: '1',
    ...env,
  };
  const processes: ServiceProcess[] = [];
  const path: ConsentPath = {
    tokenUrl,
    adminToken,
    dispatchers: [],
    async dispose() {
      await Promise.all(processes.map((p) => p.stop('SIGTERM')));
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    },
  };
  try {
    // The token service first: it creates the database and owns the directory the others call.
    processes.push(await startServiceProcess('services/token/src/main.ts', { ...shared, PORT: String(tokenPort) }, `${tokenUrl}/healthz`, 120_000));
    processes.push(await startServiceProcess('services/auth-endpoint/src/main.ts', { ...shared, PORT: String(authPort) }, `${authUrl}/healthz`, 120_000));
    for (let i = 0; i < dispatchers; i++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const dispatcher = await startServiceProcess('services/consent-dispatcher/src/main.ts', { ...shared, PORT: String(port), CONSENT_PUBLIC_URL: url }, `${url}/healthz`, 120_000);
      processes.push(dispatcher);
      path.dispatchers.push({ url, process: dispatcher });
    }
    // The dispatchers offer prompts on ciba.channel-offers.webhook: the webhook channel's own process delivers them.
    const channelPort = await freePort();
    processes.push(await startServiceProcess('channels/webhook/src/main.ts', { ...shared, CHANNEL_HEALTH_PORT: String(channelPort) }, `http://127.0.0.1:${channelPort}/healthz`, 120_000));
  } catch (err) {
    await path.dispose();
    throw err;
  }
  return path;
}
