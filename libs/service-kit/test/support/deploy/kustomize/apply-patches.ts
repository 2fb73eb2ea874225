import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { Manifest } from '../manifest.ts';
import { applyJsonPatch, type JsonPatchOp } from './json-patch.ts';
import { selects, type PatchTarget } from './select-targets.ts';
import { strategicMerge } from './strategic-merge.ts';

/** One entry of a kustomization's `patches`: a file (`path`) or inline text (`patch`), with an optional target. */
export interface PatchEntry {
  path?: string;
  patch?: string;
  target?: PatchTarget;
}

/**
 * Applies a kustomization's `patches` to `set` in place of the patched objects: a YAML list is a JSON
 * patch (RFC 6902) and needs a target; a map is a strategic-merge patch, applied to the target's
 * objects or, without one, to the object of its own kind and name. A patch that matches nothing throws,
 * as kustomize does for an untargeted patch.
 */
export function applyPatches(set: Manifest[], entries: PatchEntry[], dir: string): Manifest[] {
  let out = set;
  for (const entry of entries) {
    const text = entry.path ? readFileSync(join(dir, entry.path), 'utf8') : entry.patch ?? '';
    const parsed: unknown = parse(text);
    if (Array.isArray(parsed)) {
      if (!entry.target) throw new Error(`${entry.path ?? 'inline patch'}: a JSON patch needs a target`);
      out = out.map((doc) => (selects(entry.target!, doc) ? applyJsonPatch(doc, parsed as JsonPatchOp[]) : doc));
      continue;
    }
    for (const document of parseAllDocuments(text)) {
      const patch = document.toJS() as Manifest;
      const target: PatchTarget = entry.target ?? { kind: patch.kind, name: patch.metadata?.name };
      if (!entry.target && !out.some((doc) => selects(target, doc))) throw new Error(`${entry.path ?? 'inline patch'}: no ${patch.kind} ${patch.metadata?.name} to patch`);
      out = out.flatMap((doc) => {
        if (!selects(target, doc)) return [doc];
        if (patch.$patch === 'delete') return [];
        const { kind: _kind, apiVersion: _api, ...body } = patch;
        const merged = strategicMerge(doc, { ...body, metadata: { ...body.metadata, name: doc.metadata?.name } });
        return [merged];
      });
    }
  }
  return out;
}
