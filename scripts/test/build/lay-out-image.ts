import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Runs a command; a failure throws with what it printed. */
function run(command: string, args: string[], cwd: string): boolean {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NPM_CONFIG_UPDATE_NOTIFIER: 'false' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return true;
}

/** The workspace manifests (`libs/x/package.json`…): npm needs them to prune a workspace tree. */
function workspaceManifests(root: string): string[] {
  const found: string[] = [];
  for (const group of ['libs', 'services', 'channels', 'examples', 'tools']) {
    if (!existsSync(join(root, group))) continue;
    for (const name of readdirSync(join(root, group))) if (existsSync(join(root, group, name, 'package.json'))) found.push(`${group}/${name}/package.json`);
  }
  return existsSync(join(root, 'bench', 'package.json')) ? [...found, 'bench/package.json'] : found;
}

/**
 * The Dockerfile's steps, reproduced in `dir`, which must lie outside the repository (Node.js would
 * otherwise find what the image lacks in the repository's node_modules, further up): the build stage's `npm run build` (this repository's installed
 * node_modules standing for `npm ci`, generated clients for `npm run generate`) and
 * `npm prune --omit=dev --omit=optional`; then only what the runtime stage copies is left in `dir`:
 * `dist/` and the pruned `node_modules/`. Nothing in the repository is modified.
 */
export function layOutImage(root: string, dir: string): void {
  run(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build.ts'), '--out-dir', join(dir, 'dist')], root);
  const manifests = ['package.json', 'package-lock.json', '.npmrc', ...workspaceManifests(root)];
  for (const file of manifests) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(root, file), join(dir, file));
  }
  // Hard links when `dir` is on the same file system (a second or so), a copy otherwise.
  const linked = (() => {
    try {
      return run('cp', ['-al', join(root, 'node_modules'), join(dir, 'node_modules')], root);
    } catch {
      rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
      return false;
    }
  })();
  if (!linked) run('cp', ['-a', join(root, 'node_modules'), join(dir, 'node_modules')], root);
  // npm rewrites its hidden lockfile in place: give the copy its own inode, not the repository's.
  rmSync(join(dir, 'node_modules', '.package-lock.json'), { force: true });
  if (existsSync(join(root, 'node_modules', '.package-lock.json'))) copyFileSync(join(root, 'node_modules', '.package-lock.json'), join(dir, 'node_modules', '.package-lock.json'));
  run('npm', ['prune', '--omit=dev', '--omit=optional', '--ignore-scripts', '--offline', '--no-audit', '--no-fund'], dir);
  for (const file of manifests) rmSync(join(dir, file), { force: true });
  for (const group of ['libs', 'services', 'channels', 'examples', 'tools', 'bench']) rmSync(join(dir, group), { recursive: true, force: true });
}
