import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadAuditConfig } from '@ciba/audit/src/config.ts';
import { loadAuthEndpointConfig } from '@ciba/auth-endpoint/src/config.ts';
import { loadConsentConfig } from '@ciba/consent-dispatcher/src/config.ts';
import { loadNotifierConfig } from '@ciba/notifier/src/config.ts';
import { loadTokenConfig } from '@ciba/token/src/config.ts';
import { SERVICE_SCHEMAS } from '../../../src/migrations/service-schemas.ts';

const root = join(__dirname, '..', '..', '..', '..', '..');
const env = { NODE_ENV: 'development' };

describe('SERVICE_SCHEMAS (what dist/migrate.mjs migrates)', () => {
  it('names each service schema as its settled config does', () => {
    expect(Object.fromEntries(SERVICE_SCHEMAS.map((s) => [s.service, s.schema]))).toEqual({
      token: loadTokenConfig(env).schema,
      'auth-endpoint': loadAuthEndpointConfig(env).schema,
      'consent-dispatcher': loadConsentConfig(env).schema,
      notifier: loadNotifierConfig(env).schema,
      audit: loadAuditConfig(env).schema,
    });
  });

  it('covers every service that owns a Prisma Migrate folder, with that folder', () => {
    const owners = readdirSync(join(root, 'services')).filter((name) => existsSync(join(root, 'services', name, 'prisma', 'migrations')));
    expect(SERVICE_SCHEMAS.map((s) => s.service).sort()).toEqual(owners.sort());
    for (const s of SERVICE_SCHEMAS) expect(s.migrationsDir).toBe(join(root, 'services', s.service, 'prisma', 'migrations'));
  });
});
