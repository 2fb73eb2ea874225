import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { POSTGRES_SERVER_URL, dropDatabase, withPg } from './postgres.ts';

const run = promisify(execFile);
const DATABASE = 'ciba_bench_pgbench';

export interface CommitRate {
  /** One-row INSERT transactions per second, by number of clients. */
  tps: Record<string, number>;
  /** The server's durability settings the rate was measured under. */
  settings: Record<string, string>;
  seconds: number;
}

/** Parses pgbench's "tps = 1234.5 (without initial connection time)" line. */
export function parsePgbenchTps(output: string): number {
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(output) ?? /tps = ([\d.]+)/.exec(output);
  if (!match) throw new Error(`no tps in pgbench output:\n${output}`);
  return Number(match[1]);
}

/**
 * The physical limit every durable write shares: PostgreSQL's commit rate on this machine, measured
 * with pgbench running a one-row INSERT per transaction under the server's own durability settings
 * (synchronous_commit, fsync: the ones our system writes under), with 1 client (one fsync per commit)
 * and with `clients` (group commit).
 */
export async function measureCommitRate(clients: number, seconds: number): Promise<CommitRate> {
  const url = new URL(POSTGRES_SERVER_URL);
  const settings = await withPg(async (c) => {
    const rows = await c.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit','fsync','wal_sync_method','commit_delay','full_page_writes')",
    );
    await c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DATABASE}`);
    return Object.fromEntries(rows.rows.map((r) => [r.name, r.setting]));
  });
  const dir = mkdtempSync(join(tmpdir(), 'ciba-bench-pgbench-'));
  try {
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${DATABASE}`;
    await withPg((c) => c.query('CREATE TABLE commits (id bigserial PRIMARY KEY, v text NOT NULL, at timestamptz NOT NULL DEFAULT now())'), dbUrl.toString());
    const script = join(dir, 'insert.sql');
    writeFileSync(script, "INSERT INTO commits (v) VALUES ('x');\n");
    const tps: Record<string, number> = {};
    for (const c of [1, clients]) {
      const args = ['-n', '-f', script, '-c', String(c), '-j', String(Math.min(c, 2)), '-T', String(seconds), '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres'), DATABASE];
      const { stdout } = await run('pgbench', args, { env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) } });
      tps[String(c)] = parsePgbenchTps(stdout);
    }
    return { tps, settings, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropDatabase(DATABASE);
  }
}
