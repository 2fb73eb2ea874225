import { existsSync } from 'node:fs';
import { join } from 'node:path';

const SECRET_NAMES = /\b(ADMIN_TOKEN|INTERNAL_TOKEN|DATABASE_URL|[A-Z_]*(PASSWORD|SECRET)[A-Z_]*)\b/;

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(text: string): { op: string; args: string }[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op = '', ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/**
 * Rules for the repository's one `Dockerfile` (build context: the repository root; the `SERVICE`
 * build argument picks the service): every `services/<x>` it names exists, as does every service it
 * is built for (with a `src/main.ts` to run), the final stage works in `/app/services/${SERVICE}`, it
 * copies every workspace manifest before `npm ci`, runs as the non-root user `node` on
 * node:20-bookworm-slim, exposes 8080, and no secret is baked in through ENV or ARG.
 */
export function dockerfileViolations(root: string, services: string[], text: string, workspaces: string[]): string[] {
  const out: string[] = [];
  const at = (rule: string) => out.push(`Dockerfile: ${rule}`);
  for (const svc of services) {
    if (!existsSync(join(root, 'services', svc, 'src', 'main.ts'))) at(`SERVICE=${svc} has no services/${svc}/src/main.ts to run`);
  }
  for (const [, folder] of text.matchAll(/\bservices\/([A-Za-z0-9._-]+)/g)) {
    if (!existsSync(join(root, 'services', folder as string))) at(`refers to services/${folder}, which does not exist`);
  }
  const ins = instructions(text);
  const froms = ins.map((i, n) => ({ ...i, n })).filter((i) => i.op === 'FROM');
  const finalStage = ins.slice(froms.at(-1)?.n ?? 0);
  const imageArg = ins.find((i) => i.op === 'ARG' && i.args.startsWith('NODE_IMAGE='))?.args.split('=')[1];
  for (const f of froms) {
    const image = f.args.split(/\s+/)[0]?.replace(/^\$\{?NODE_IMAGE\}?$/, imageArg ?? '$NODE_IMAGE');
    if (image !== 'node:20-bookworm-slim') at(`FROM ${f.args}: expected node:20-bookworm-slim`);
  }
  const user = finalStage.filter((i) => i.op === 'USER').at(-1)?.args;
  if (user !== 'node') at(`final stage must run as USER node, runs as ${user ?? 'root (no USER)'}`);
  const serviceArg = finalStage.find((i) => i.op === 'ARG' && i.args.startsWith('SERVICE='))?.args.split('=')[1];
  if (!serviceArg || !existsSync(join(root, 'services', serviceArg, 'src', 'main.ts'))) at(`final stage must declare ARG SERVICE=<an existing service>, has ${serviceArg ?? 'none'}`);
  if (!finalStage.some((i) => i.op === 'WORKDIR' && i.args === '/app/services/${SERVICE}')) at('final stage must work in /app/services/${SERVICE}');
  if (!finalStage.some((i) => i.op === 'EXPOSE' && i.args.split(/\s+/).includes('8080'))) at('must EXPOSE 8080');
  if (!finalStage.some((i) => i.op === 'CMD')) at('final stage has no CMD');
  for (const i of ins) if ((i.op === 'ENV' || i.op === 'ARG') && SECRET_NAMES.test(i.args)) at(`${i.op} ${i.args}: secrets come from the environment at run time`);
  const install = ins.findIndex((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args));
  if (install < 0) at('no npm ci');
  for (const ws of workspaces) {
    const copied = ins.slice(0, install).some((i) => i.op === 'COPY' && i.args.split(/\s+/).includes(`${ws}/package.json`));
    if (!copied) at(`must COPY ${ws}/package.json before npm ci (workspace manifests)`);
  }
  return out;
}
