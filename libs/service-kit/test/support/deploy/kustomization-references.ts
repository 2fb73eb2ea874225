import { resolve } from 'node:path';
import type { Manifest } from './manifest.ts';

/** Every path a kustomization refers to, as written and resolved against its folder. */
export function kustomizationReferences(dir: string, k: Manifest): { field: string; ref: string; path: string; folderAllowed: boolean }[] {
  const refs: { field: string; ref: string; folderAllowed: boolean }[] = [];
  for (const ref of k.resources ?? []) refs.push({ field: 'resources', ref, folderAllowed: true });
  for (const ref of k.components ?? []) refs.push({ field: 'components', ref, folderAllowed: true });
  for (const ref of k.crds ?? []) refs.push({ field: 'crds', ref, folderAllowed: false });
  for (const ref of k.patchesStrategicMerge ?? []) if (typeof ref === 'string' && !ref.includes('\n')) refs.push({ field: 'patchesStrategicMerge', ref, folderAllowed: false });
  for (const field of ['patches', 'patchesJson6902']) {
    for (const p of k[field] ?? []) if (p?.path) refs.push({ field, ref: p.path, folderAllowed: false });
  }
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    for (const g of k[field] ?? []) {
      for (const f of g?.files ?? []) refs.push({ field, ref: String(f).split('=').pop() as string, folderAllowed: false });
      for (const f of [...(g?.envs ?? []), ...(g?.env ? [g.env] : [])]) refs.push({ field, ref: f, folderAllowed: false });
    }
  }
  return refs.map((r) => ({ ...r, path: resolve(dir, r.ref) }));
}
