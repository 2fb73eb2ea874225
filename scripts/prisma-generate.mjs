#!/usr/bin/env node
// Generates each service's Prisma client (generator `prisma-client`, no native engine) into its
// gitignored src/adapters/db/generated. `prisma generate` never runs the schema engine, but the CLI
// insists that PRISMA_SCHEMA_ENGINE_BINARY names an existing file when it cannot download one, so
// we point it at node itself unless the caller set it. Skips a schema whose client is up to date.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const prismaBin = join(root, 'node_modules', '.bin', 'prisma');
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };

for (const svc of readdirSync(join(root, 'services'))) {
  const dir = join(root, 'services', svc);
  const schema = join(dir, 'prisma', 'schema.prisma');
  if (!existsSync(schema)) continue;
  const out = join(dir, 'src', 'adapters', 'db', 'generated');
  const stamp = join(out, '.schema-sha256');
  const digest = createHash('sha256').update(readFileSync(schema)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) continue;
  execFileSync(prismaBin, ['generate'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(stamp, digest);
  console.log(`prisma client generated for services/${svc}`);
}
