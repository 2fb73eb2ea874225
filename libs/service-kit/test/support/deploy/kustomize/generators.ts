import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Manifest } from '../manifest.ts';

export interface GeneratorEntry {
  name: string;
  behavior?: 'create' | 'merge' | 'replace';
  literals?: string[];
  files?: string[];
  options?: { disableNameSuffixHash?: boolean; labels?: Record<string, string>; annotations?: Record<string, string> };
}

/**
 * `configMapGenerator` / `secretGenerator` entries (literals and files) as ConfigMaps and Secrets. Unlike
 * kustomize, names never get a content-hash suffix (nor do references to them need rewriting); tests
 * comparing with kustomize's output strip that suffix.
 */
export function generate(kind: 'ConfigMap' | 'Secret', entries: GeneratorEntry[], dir: string): Manifest[] {
  return entries.map((entry) => {
    if (entry.behavior && entry.behavior !== 'create') throw new Error(`${kind} generator ${entry.name}: behavior ${entry.behavior} is not supported by this renderer`);
    const data: Record<string, string> = {};
    for (const literal of entry.literals ?? []) {
      const at = literal.indexOf('=');
      data[literal.slice(0, at)] = literal.slice(at + 1);
    }
    for (const file of entry.files ?? []) {
      const [key, path] = file.includes('=') ? file.split('=') : [basename(file), file];
      data[key as string] = readFileSync(join(dir, path as string), 'utf8');
    }
    const encoded = kind === 'Secret' ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) : data;
    const metadata = { name: entry.name, ...(entry.options?.labels ? { labels: entry.options.labels } : {}), ...(entry.options?.annotations ? { annotations: entry.options.annotations } : {}) };
    return { apiVersion: 'v1', kind, metadata, ...(kind === 'Secret' ? { type: 'Opaque' } : {}), data: encoded };
  });
}
