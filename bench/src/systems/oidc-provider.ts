import { join } from 'node:path';
import { PROFILER_IMPORT, serverProfiler } from '../profile/server-profiler.ts';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { redisCommands } from '../infra/redis-counters.ts';
import { startPrivateRedis } from '../infra/redis-server.ts';
import { startChild } from '../process/child.ts';
import { freePort } from '../process/free-port.ts';
import { waitReady } from '../process/wait-ready.ts';
import { basicAuthorization, type SystemUnderTest } from './system-under-test.ts';
import { seedPeerUsers } from './seed-peer-users.ts';

export interface PeerOptions {
  users: number;
  webhookUrl: string;
  cpuProfDir?: string;
}

const version = (createRequire(__filename)('oidc-provider/package.json') as { version: string }).version;

/**
 * oidc-provider (the peer) as a child process: its own durable redis-server (appendfsync always), the
 * bench users seeded into it, one poll client. Ping would need an https notification endpoint
 * (oidc-provider accepts no other), so the peer is measured in poll mode only.
 */
export async function startOidcProvider(options: PeerOptions): Promise<SystemUnderTest & { seedUsers(from: number, to: number): Promise<void> }> {
  const redis = await startPrivateRedis('peer redis-server', true);
  await seedPeerUsers(redis.url, 0, options.users, options.webhookUrl);
  const port = await freePort();
  const clientId = `bench-${randomBytes(6).toString('hex')}`;
  const clientSecret = randomBytes(32).toString('base64url');
  const clients = [{
    client_id: clientId,
    client_secret: clientSecret,
    client_name: 'Bench client (poll)',
    grant_types: ['urn:openid:params:grant-type:ciba', 'refresh_token'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
    backchannel_token_delivery_mode: 'poll',
    scope: 'openid profile email offline_access',
  }];
  const profileDir = options.cpuProfDir ? join(options.cpuProfDir, 'oidc-provider') : undefined;
  const nodeArgs = ['--import', 'tsx', ...(profileDir ? PROFILER_IMPORT : []), 'bench/src/peer/main.ts'];
  const child = startChild('oidc-provider', process.execPath, nodeArgs, {
    env: {
      ...process.env,
      ...(profileDir ? { BENCH_PROFILE_DIR: profileDir } : {}),
      NODE_ENV: 'development',
      PORT: String(port),
      REDIS_URL: redis.url,
      BENCH_CLIENTS: JSON.stringify(clients),
      DECISION_SECRET: randomBytes(32).toString('base64url'),
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/healthz`, child);
  return {
    name: 'oidc-provider',
    label: `oidc-provider ${version}`,
    bcAuthorizeUrl: `${url}/backchannel`,
    tokenUrl: `${url}/token`,
    clients: { poll: { clientId, authorization: basicAuthorization(clientId, clientSecret), mode: 'poll' } },
    serverPid: child.pid,
    ...(profileDir ? { profiler: serverProfiler(() => child.pid, profileDir) } : {}),
    storePids: async () => ({ redis: redis.child.pid }),
    storeCounters: async () => ({ redis_commands: await redisCommands(redis.url) }),
    seedUsers: (from, to) => seedPeerUsers(redis.url, from, to, options.webhookUrl),
    async stop() {
      await child.stop();
      await redis.stop();
    },
  };
}
