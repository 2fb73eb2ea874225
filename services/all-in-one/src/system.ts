import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { AuthRequestsPort } from '@ciba/contracts';
import { brokerEpochFor, createEventBus } from '@ciba/event-bus';
import { startMetricsServer } from '@ciba/metrics';
import {
  baseEnv,
  createApp,
  createLogger,
  createRedis,
  finishApp,
  healthRoutes,
  hotRoutes,
  kafkaSettingsOf,
  loadConfig,
  randomToken,
  redisReadiness,
  settleBaseConfig,
  Shutdown,
} from '@ciba/service-kit';
import { createAuditService } from '@ciba/audit/src/service.ts';
import { loadAuditConfig } from '@ciba/audit/src/config.ts';
import { createAuthEndpointService } from '@ciba/auth-endpoint/src/service.ts';
import { loadAuthEndpointConfig } from '@ciba/auth-endpoint/src/config.ts';
import { createConsentDispatcherService } from '@ciba/consent-dispatcher/src/service.ts';
import { loadConsentConfig } from '@ciba/consent-dispatcher/src/config.ts';
import { createNotifierService } from '@ciba/notifier/src/service.ts';
import { loadNotifierConfig } from '@ciba/notifier/src/config.ts';
import { createTokenService } from '@ciba/token/src/service.ts';
import { loadTokenConfig } from '@ciba/token/src/config.ts';
import { embeddedDeliverers } from './embedded-deliverers.ts';
import { lazyPort } from './lazy-port.ts';
import { startEmbeddedChannels } from './start-embedded-channels.ts';

export interface SystemOptions {
  /** Interface to listen on; default: every interface (dual stack). Tests pass 127.0.0.1. */
  host?: string;
  /** Event-bus key namespace and BullMQ prefix (tests isolate runs with a random one). */
  namespace?: string;
}

export interface RunningSystem {
  url: string;
  issuer: string;
  adminToken: string;
  adminTokenGenerated: boolean;
  server: Server;
  /** The Express app behind the server's hot routes (POST /token, POST /bc-authorize): it answers every other request. */
  app: Express;
  /** `GET /metrics` of the process (one listener, one registry for every service in it); undefined with `METRICS_PORT=off`. */
  metricsUrl?: string;
  stop(): Promise<void>;
}

/**
 * Starts every service's routes and consumers in one process on one port (interfaces.md §1):
 * listen first (so `PORT=0` gets its real port into the default issuer), then build the services,
 * migrate, start consumers, and only then answer requests.
 */
export async function startSystem(env: NodeJS.ProcessEnv = process.env, options: SystemOptions = {}): Promise<RunningSystem> {
  const first = settleBaseConfig(loadConfig(baseEnv, env));
  const server = createServer(answerStarting);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(first.port, options.host ?? first.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const adminToken = env.ADMIN_TOKEN || randomToken(32);
  const settledEnv: NodeJS.ProcessEnv = { ...env, PORT: String(port), ADMIN_TOKEN: adminToken, ISSUER: env.ISSUER || `http://${options.host === '127.0.0.1' ? '127.0.0.1' : 'localhost'}:${port}` };
  const base = settleBaseConfig(loadConfig(baseEnv, settledEnv));

  const logger = createLogger('ciba', base.logLevel);
  const shutdown = new Shutdown(logger);
  const namespace = options.namespace ?? base.redisNamespace;
  let metricsUrl: string | undefined;
  let app: Express;
  try {
    // First, so it closes last; on its own port (METRICS_PORT), never the public one.
    const metrics = await startMetricsServer({ service: 'all-in-one', port: base.metricsPort, host: options.host ?? base.host, logger });
    shutdown.add('metrics listener', () => metrics.close());
    metricsUrl = metrics.url;
    const bus = createEventBus({ ...kafkaSettingsOf(base), redisUrl: base.redisUrl, namespace, clientId: 'ciba-all-in-one', logger });
    shutdown.add('event bus', () => bus.close());
    const redis = createRedis(base.redisUrl, 'ciba-all-in-one');
    shutdown.add('redis', async () => void (await redis.quit()));
    // One epoch for every outbox: a Redis that restarts empty gets what it lost published again.
    const brokerEpoch = brokerEpochFor({ kafkaBrokers: base.kafkaBrokers, redis, namespace });

    let authRequests: AuthRequestsPort | undefined;
    const token = await createTokenService({
      config: loadTokenConfig(settledEnv),
      logger: createLogger('token', base.logLevel),
      bus,
      redis,
      namespace,
      authRequests: lazyPort(() => authRequests, 'auth-requests port'),
      brokerEpoch,
    });
    const authEndpoint = await createAuthEndpointService({
      config: loadAuthEndpointConfig(settledEnv),
      logger: createLogger('auth-endpoint', base.logLevel),
      bus,
      directory: token.directory,
      redis,
      namespace,
      brokerEpoch,
    });
    authRequests = authEndpoint.authRequests;
    const consentConfig = loadConsentConfig(settledEnv);
    const consent = await createConsentDispatcherService({
      config: consentConfig,
      logger: createLogger('consent-dispatcher', base.logLevel),
      bus,
      directory: token.directory,
      authRequests: authEndpoint.authRequests,
      redis,
      brokerEpoch,
    });
    const notifier = await createNotifierService({
      config: loadNotifierConfig(settledEnv),
      logger: createLogger('notifier', base.logLevel),
      bus,
      redis,
      directory: token.directory,
      authRequests: authEndpoint.authRequests,
      tokenIssuer: token.tokenIssuer,
      queuePrefix: namespace,
      brokerEpoch,
    });

    const audit = createAuditService({ config: loadAuditConfig(settledEnv), logger: createLogger('audit', base.logLevel), bus });

    app = createApp();
    const services = [token, authEndpoint, consent, notifier, audit];
    app.use(
      healthRoutes({
        // One pool per owning schema on one DATABASE_URL: ready when every one answers.
        postgresql: async () => void (await Promise.all(services.map((svc) => svc.readiness.postgresql()))),
        'event-bus': () => bus.ping(),
        redis: redisReadiness(redis),
      }),
    );
    app.use(token.router, authEndpoint.router, consent.router, notifier.router, audit.router);
    finishApp(app, logger);

    for (const [name, svc] of [['token', token], ['auth-endpoint', authEndpoint], ['consent-dispatcher', consent], ['notifier', notifier], ['audit', audit]] as const) {
      await svc.start();
      shutdown.add(name, () => svc.stop());
    }
    // The built-in channels, as their own processes would run them: after the dispatcher, so offers
    // find their consumers; before requests, so the first prompt has somewhere to go.
    const channels = await startEmbeddedChannels({
      bus,
      masterKey: consentConfig.channelMasterKey,
      deliverers: embeddedDeliverers(settledEnv),
      logger: createLogger('channels', base.logLevel),
    });
    shutdown.add('channels', () => channels.close());
    server.off('request', answerStarting);
    server.on('request', hotRoutes({ app, logger, routes: [token.hotRoutes, authEndpoint.hotRoutes] }));
    shutdown.add('http server', () => new Promise<void>((resolve) => server.close(() => resolve())));
  } catch (err) {
    await shutdown.close();
    server.close();
    throw err;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    issuer: base.issuer,
    adminToken,
    adminTokenGenerated: !env.ADMIN_TOKEN,
    server,
    app,
    ...(metricsUrl ? { metricsUrl } : {}),
    stop: () => shutdown.close(),
  };
}

/** Until every service has started, requests get a clean 503 rather than hanging. */
function answerStarting(_req: unknown, res: import('node:http').ServerResponse): void {
  res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1', 'cache-control': 'no-store' });
  res.end('{"error":"temporarily_unavailable","error_description":"the server is starting"}');
}
