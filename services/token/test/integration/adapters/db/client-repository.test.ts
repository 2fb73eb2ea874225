import { createPgPool, type PgPool } from '@ciba/service-kit';
import { clientRepository } from '../../../../src/adapters/db/client-repository.ts';
import { createTokenDb, type TokenDb } from '../../../../src/adapters/db/prisma-client.ts';
import type { ClientRecord } from '../../../../src/domain/clients/client-record.ts';
import { createTestSchema, dropTestSchema } from '../../../support/token-harness.ts';
import { testConfig } from '../../../support/test-config.ts';

const config = testConfig();
let schema: string;
let pool: PgPool;
let db: TokenDb;

const rp: ClientRecord = {
  clientId: 'rp-1',
  clientSecretHash: 'c2VjcmV0LWhhc2gtb2YtcnAtMS0wMTIzNDU2Nzg5YWI',
  clientSecretSealed: null,
  issuedAt: new Date('2026-11-22T10:00:00.000Z'),
  metadata: {
    client_name: 'RP',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['urn:openid:params:grant-type:ciba', 'refresh_token'],
    scope: 'openid email',
    backchannel_token_delivery_mode: 'ping',
    backchannel_client_notification_endpoint: 'https://rp.example/cb',
    backchannel_user_code_parameter: true,
    id_token_signed_response_alg: 'ES256',
  },
};

beforeAll(async () => {
  schema = await createTestSchema(config);
  pool = createPgPool(config.databaseUrl, { schema });
  db = createTokenDb(pool, schema);
  await clientRepository(db, pool).create(rp);
});
afterAll(async () => {
  await db.$disconnect();
  await pool.end();
  await dropTestSchema(config, schema);
});

describe('clientRepository.findById', () => {
  const repository = () => clientRepository(db, pool);
  it('answers the registered record as created', async () => {
    expect(await repository().findById('rp-1')).toEqual(rp);
  });

  it('answers null for an unknown client', async () => {
    expect(await repository().findById('rp-2')).toBeNull();
  });

  it('look-ups asked together go as one statement; each caller gets its own answer', async () => {
    const query = jest.spyOn(pool, 'query');
    const answers = await Promise.all(['rp-1', 'unknown', 'rp-1'].map((id) => repository().findById(id)));
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();
    expect(answers).toEqual([rp, null, rp]);
  });
});
