import type { Manifest, SourcedManifest } from './manifest.ts';

/** The process a container runs, from its `dist/` entry point: `<svc>`, `channel-<name>`, or `migrate`. */
export function processOf(args: unknown): string | undefined {
  const entry = Array.isArray(args) ? String(args[0]) : '';
  const service = /^dist\/services\/([a-z0-9-]+)\/main\.mjs$/.exec(entry)?.[1];
  const channel = /^dist\/channels\/([a-z0-9-]+)\/main\.mjs$/.exec(entry)?.[1];
  if (service) return service;
  if (channel) return `channel-${channel}`;
  return entry === 'dist/migrate.mjs' ? 'migrate' : undefined;
}

/**
 * Every variable a container is given is one its process reads: a container's own `env` names are in
 * `known(process)`; a shared ConfigMap or Secret it loads whole (`envFrom`) holds only names some process
 * that loads it reads. `known` answers the names of a process' config schema (undefined: unknown process).
 */
export function envViolations(set: SourcedManifest[], known: (process: string) => ReadonlySet<string> | undefined): string[] {
  const out: string[] = [];
  const readersOf = new Map<string, Set<string>>();
  for (const { file, doc } of set) {
    for (const c of (doc.spec?.template?.spec?.containers ?? []) as Manifest[]) {
      const where = `${file}: ${doc.kind} ${doc.metadata?.name}: container ${c.name}`;
      const process = processOf(c.args);
      const names = process ? known(process) : undefined;
      if (!names) { out.push(`${where}: runs no known process (args ${JSON.stringify(c.args)})`); continue; }
      for (const e of c.env ?? []) if (!names.has(e.name)) out.push(`${where}: env ${e.name} is not read by ${process}`);
      for (const source of c.envFrom ?? []) {
        const ref = source.configMapRef ? `ConfigMap/${source.configMapRef.name}` : `Secret/${source.secretRef?.name}`;
        const readers = readersOf.get(ref) ?? new Set<string>();
        for (const name of names) readers.add(name);
        readersOf.set(ref, readers);
      }
    }
  }
  for (const { file, doc } of set.filter(({ doc }) => doc.kind === 'ConfigMap' || doc.kind === 'Secret')) {
    const readers = readersOf.get(`${doc.kind}/${doc.metadata?.name}`);
    if (!readers) continue;
    for (const key of Object.keys({ ...doc.data, ...doc.stringData })) if (!readers.has(key)) out.push(`${file}: ${doc.kind} ${doc.metadata?.name}: ${key} is read by none of the processes that load it`);
  }
  return out;
}
