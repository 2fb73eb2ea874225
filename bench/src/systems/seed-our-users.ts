import { Agent, request } from 'undici';
import { withPg } from '../infra/postgres.ts';
import { benchUser } from './bench-users.ts';

/** Above this many users, the rest are copied in SQL from user0 as the API stored it (minutes → seconds). */
const HTTP_SEED_LIMIT = 1000;

/** Creates users [from, to) through PUT /admin/users/{sub} (interfaces.md §3), 16 at a time. */
async function seedOverHttp(baseUrl: string, adminToken: string, from: number, to: number, webhookUrl: string): Promise<void> {
  const agent = new Agent({ connections: 16 });
  let next = from;
  const worker = async () => {
    while (next < to) {
      const user = benchUser(next++, webhookUrl);
      const response = await request(`${baseUrl}/admin/users/${user.sub}`, {
        method: 'PUT',
        dispatcher: agent,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ login_hints: [user.loginHint], claims: user.claims, channels: user.channels }),
      });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`PUT /admin/users/${user.sub} answered ${response.statusCode} ${text.slice(0, 200)}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: 16 }, worker));
  } finally {
    await agent.close();
  }
}

/**
 * Bulk users for --scale: rows shaped exactly like user0's (which went through the API), written into
 * the token service's tables in 100 000-row statements.
 */
async function seedOverSql(databaseUrl: string, from: number, to: number): Promise<void> {
  await withPg(async (c) => {
    const template = await c.query('SELECT channels FROM token.users WHERE sub = $1', ['user0']);
    if (template.rowCount !== 1) throw new Error('bulk seeding needs user0, created through the API first');
    for (let start = from; start < to; start += 100_000) {
      const stop = Math.min(to, start + 100_000) - 1;
      await c.query(
        `INSERT INTO token.users (sub, claims, channels, created_at, updated_at)
         SELECT 'user' || i, jsonb_build_object('name', 'Bench User ' || i, 'email', 'user' || i || '@bench.example', 'email_verified', true),
                (SELECT channels FROM token.users WHERE sub = 'user0'), now(), now()
         FROM generate_series($1::int, $2::int) AS i ON CONFLICT DO NOTHING`,
        [start, stop],
      );
      await c.query(
        `INSERT INTO token.user_login_hints (hint, sub) SELECT 'user' || i || '@bench.example', 'user' || i
         FROM generate_series($1::int, $2::int) AS i ON CONFLICT DO NOTHING`,
        [start, stop],
      );
    }
    await c.query('ANALYZE token.users; ANALYZE token.user_login_hints');
  }, databaseUrl);
}

/** Creates users [from, to) on our system: through the API up to 1 000, in bulk SQL beyond. */
export async function seedOurUsers(opts: { baseUrl: string; adminToken: string; databaseUrl: string; webhookUrl: string }, from: number, to: number): Promise<void> {
  const viaHttp = Math.min(to, Math.max(from, HTTP_SEED_LIMIT));
  if (from < viaHttp) await seedOverHttp(opts.baseUrl, opts.adminToken, from, viaHttp, opts.webhookUrl);
  if (viaHttp < to) await seedOverSql(opts.databaseUrl, Math.max(from, viaHttp), to);
}
