// The oidc-provider process of the benchmark (the peer), started by bench/src/systems/oidc-provider.ts.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import Provider, { type ClientMetadata, type JWK } from 'oidc-provider';
import { createAccounts } from './accounts.ts';
import { createDecisionRoute } from './decision-route.ts';
import { providerConfiguration } from './provider-config.ts';

const env = process.env;
const port = Number(env.PORT);
const issuer = env.ISSUER ?? `http://127.0.0.1:${port}`;
const redis = new Redis(env.REDIS_URL!, { enableAutoPipelining: false });
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'bench-rs256', alg: 'RS256', use: 'sig' } as JWK;
const decisionSecret = env.DECISION_SECRET!;

const provider = new Provider(issuer, providerConfiguration({
  issuer,
  redis,
  accounts: createAccounts(redis),
  clients: JSON.parse(env.BENCH_CLIENTS ?? '[]') as ClientMetadata[],
  signingKey,
  decisionSecret,
}));
provider.on('server_error', (_ctx, err) => process.stderr.write(`server_error: ${err.stack}\n`));
const decide = createDecisionRoute(provider, decisionSecret);
const oidc = provider.callback();

const server = createServer((req, res) => {
  const match = req.method === 'POST' && /^\/device\/decisions\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '');
  if (match) {
    decide(req, res, match[1]!).catch((err: Error) => {
      process.stderr.write(`decision failed: ${err.stack}\n`);
      if (!res.headersSent) res.writeHead(500).end();
    });
    return;
  }
  if (req.url === '/healthz') {
    redis.ping().then(() => res.writeHead(200).end('ok'), () => res.writeHead(503).end());
    return;
  }
  oidc(req, res);
});
server.keepAliveTimeout = 30_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`oidc-provider listening; issuer ${issuer}\n`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void redis.quit().finally(() => process.exit(0));
  });
}
