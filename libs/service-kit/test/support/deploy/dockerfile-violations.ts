import { findEntries } from '../../../../../scripts/build/find-entries.ts';

const SECRET_NAMES = /\b(ADMIN_TOKEN|INTERNAL_TOKEN|DATABASE_URL|[A-Z_]*(PASSWORD|SECRET)[A-Z_]*)\b/;
const ENTRYPOINT = ['/usr/bin/tini', '--', 'node'];
const CMD = ['dist/services/all-in-one/main.mjs'];
/** What the build stage runs, in this order (interfaces of the image: COMMON conventions). */
const BUILD_STEPS = [/\bnpm ci\b/, /\bnpm run generate\b/, /\bnpm run build\b/, /\bnpm prune --omit=dev\b/];
/** All the runtime stage may take from the build stage: the bundles and the production dependencies. */
const RUNTIME_FILES = ['/app/dist', '/app/node_modules'];

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

const exec = (args: string | undefined): unknown => {
  try {
    return JSON.parse(args ?? '');
  } catch {
    return args;
  }
};

/**
 * Rules for the repository's one `Dockerfile` (build context: the repository root), the one image
 * every program runs from: every program the deployments run (`programs`, `dist/…/main.mjs`) and
 * every one the Dockerfile names is one `npm run build` produces; the build stage runs npm ci,
 * generate, build and prune in that order, after copying every workspace manifest; the runtime stage
 * copies only dist/ and node_modules from it (no sources, no build tools), runs as a numeric non-root
 * user on node:20-bookworm-slim, `tini -- node` with the all-in-one as CMD, exposes 8080, and no
 * secret is baked in through ENV or ARG.
 */
export function dockerfileViolations(root: string, programs: string[], text: string, workspaces: string[]): string[] {
  const out: string[] = [];
  const at = (rule: string) => out.push(`Dockerfile: ${rule}`);
  const built = new Set(findEntries(root).map((e) => `dist/${e.output}.mjs`));
  for (const program of programs) if (!built.has(program)) at(`${program} is run but npm run build does not produce it`);
  for (const [named] of text.matchAll(/\bdist\/[A-Za-z0-9._/-]+\.mjs\b/g)) if (!built.has(named)) at(`names ${named}, which npm run build does not produce`);

  const ins = instructions(text);
  const froms = ins.map((i, n) => ({ ...i, n })).filter((i) => i.op === 'FROM');
  const finalAt = froms.at(-1)?.n ?? 0;
  const buildStage = ins.slice(0, finalAt);
  const finalStage = ins.slice(finalAt);
  const imageArg = ins.find((i) => i.op === 'ARG' && i.args.startsWith('NODE_IMAGE='))?.args.split('=')[1];
  for (const f of froms) {
    const image = f.args.split(/\s+/)[0]?.replace(/^\$\{?NODE_IMAGE\}?$/, imageArg ?? '$NODE_IMAGE');
    if (image !== 'node:20-bookworm-slim') at(`FROM ${f.args}: expected node:20-bookworm-slim`);
  }

  const runs = buildStage.filter((i) => i.op === 'RUN').map((i) => i.args).join(' && ');
  const positions = BUILD_STEPS.map((step) => runs.search(step));
  if (positions.some((p, n) => p < 0 || (n > 0 && p < positions[n - 1]!))) at('build stage must run npm ci, npm run generate, npm run build, npm prune --omit=dev, in that order');
  const install = ins.findIndex((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args));
  for (const ws of workspaces) {
    const copied = ins.slice(0, Math.max(install, 0)).some((i) => i.op === 'COPY' && i.args.split(/\s+/).includes(`${ws}/package.json`));
    if (!copied) at(`must COPY ${ws}/package.json before npm ci (workspace manifests)`);
  }

  for (const copy of finalStage.filter((i) => i.op === 'COPY' || i.op === 'ADD')) {
    const [from, source] = copy.args.split(/\s+/);
    if (!from?.startsWith('--from=') || !RUNTIME_FILES.includes(source ?? '')) at(`runtime stage ${copy.op} ${copy.args}: it takes only ${RUNTIME_FILES.join(' and ')} from the build stage`);
  }
  const user = finalStage.filter((i) => i.op === 'USER').at(-1)?.args;
  if (!user || !/^[1-9]\d*(:\d+)?$/.test(user)) at(`final stage must run as a numeric non-root USER (Kubernetes runAsNonRoot checks the number), runs as ${user ?? 'root (no USER)'}`);
  const entrypoint = exec(finalStage.filter((i) => i.op === 'ENTRYPOINT').at(-1)?.args);
  if (JSON.stringify(entrypoint) !== JSON.stringify(ENTRYPOINT)) at(`ENTRYPOINT must be ${JSON.stringify(ENTRYPOINT)}, is ${JSON.stringify(entrypoint ?? null)}`);
  const cmd = exec(finalStage.filter((i) => i.op === 'CMD').at(-1)?.args);
  if (JSON.stringify(cmd) !== JSON.stringify(CMD)) at(`CMD must be ${JSON.stringify(CMD)}, is ${JSON.stringify(cmd ?? null)}`);
  if (!finalStage.some((i) => i.op === 'EXPOSE' && i.args.split(/\s+/).includes('8080'))) at('must EXPOSE 8080');
  for (const i of ins) if ((i.op === 'ENV' || i.op === 'ARG') && SECRET_NAMES.test(i.args)) at(`${i.op} ${i.args}: secrets come from the environment at run time`);
  return out;
}
