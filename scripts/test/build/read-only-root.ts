import { spawnSync } from 'node:child_process';

const REMOUNT = 'mount --bind / / && mount -o remount,bind,ro / && exec "$0" "$@"';
const wrap = (argv: string[]) => ['unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c', REMOUNT, ...argv];

let available: boolean | undefined;

/**
 * `argv` run with its root file system read-only, as Kubernetes' `readOnlyRootFilesystem` does: in a
 * mount namespace of its own (the host's mounts are untouched), `/` remounted read-only, then `exec`,
 * so the program keeps the child's pid and gets its signals. Needs `unshare` and the right to mount
 * (root, as in CI containers); undefined where that is not possible, and the caller runs `argv` as is.
 */
export function readOnlyRoot(argv: string[]): string[] | undefined {
  available ??= (() => {
    // Writing a file must fail, and for that reason only.
    const [command, ...args] = wrap(['sh', '-c', ': > /tmp/.ciba-read-only-probe']);
    const probe = spawnSync(command!, args, { encoding: 'utf8' });
    return probe.status !== null && probe.status !== 0 && /read-only/i.test(probe.stderr);
  })();
  return available ? wrap(argv) : undefined;
}
