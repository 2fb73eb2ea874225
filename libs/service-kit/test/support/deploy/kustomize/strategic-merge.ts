import type { Manifest } from '../manifest.ts';

const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const keyed = (list: unknown[]) => list.length > 0 && list.every((item) => isMap(item) && typeof item.name === 'string');

/**
 * A strategic-merge patch as kustomize applies the cases these manifests use: maps merge key by key,
 * `null` removes a key, lists of named objects (containers, env, ports, volumes) merge by `name`, any
 * other list is replaced.
 */
export function strategicMerge(target: any, patch: any): any {
  if (!isMap(target) || !isMap(patch)) return structuredClone(patch);
  const out: Record<string, any> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch') continue;
    if (value === null) delete out[key];
    else if (Array.isArray(value) && Array.isArray(out[key]) && keyed(value) && keyed(out[key])) out[key] = mergeNamed(out[key], value);
    else out[key] = key in out ? strategicMerge(out[key], value) : structuredClone(value);
  }
  return out;
}

/** Items of both merge; the patch's new items come first, in its order, as kustomize (kyaml) puts them. */
function mergeNamed(target: Manifest[], patch: Manifest[]): Manifest[] {
  const out = target.map((item) => structuredClone(item));
  const added: Manifest[] = [];
  for (const item of patch) {
    const at = out.findIndex((existing) => existing.name === item.name);
    if (item.$patch === 'delete') { if (at >= 0) out.splice(at, 1); }
    else if (at >= 0) out[at] = strategicMerge(out[at], item);
    else added.push(structuredClone(item));
  }
  return [...added, ...out];
}
