import { createHash } from 'node:crypto';
import pg from 'pg';

/** The internal request id of an `auth_req_id` (auth-endpoint stores its SHA-256), for the operator API. */
export async function requestIdOf(databaseUrl: string, authReqId: string): Promise<string> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const hash = createHash('sha256').update(authReqId).digest('base64url');
    const { rows } = await db.query<{ request_id: string }>('SELECT request_id FROM auth_endpoint.auth_requests WHERE auth_req_id_hash = $1', [hash]);
    if (!rows[0]) throw new Error('unknown auth_req_id');
    return rows[0].request_id;
  } finally {
    await db.end();
  }
}
