import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { Manifest } from '../manifest.ts';
import { applyPatches } from './apply-patches.ts';
import { generate } from './generators.ts';
import { addLabels, setImages, setNamespace, setReplicas } from './transformers.ts';

/** The kustomization fields this renderer implements; any other makes it throw instead of rendering wrong. */
const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'components', 'patches', 'namespace', 'labels', 'images', 'replicas', 'configMapGenerator', 'secretGenerator']);

function kustomizationOf(dir: string): Manifest {
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`${dir}: no kustomization`);
  const k = (parse(readFileSync(file, 'utf8')) ?? {}) as Manifest;
  for (const field of Object.keys(k)) if (!SUPPORTED.has(field)) throw new Error(`${file}: ${field} is not supported by this renderer`);
  return k;
}

const readDocuments = (file: string): Manifest[] =>
  parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Manifest).filter((d) => d !== null && d !== undefined);

/**
 * Renders a kustomization folder (`kubectl kustomize <dir>`) for the subset of kustomize these manifests
 * use, in kustomize's order: resources (files and folders), then components (each adds its resources and
 * generated objects, then patches everything so far), then this kustomization's generators, patches,
 * namespace, labels, replicas and images. Offline and dependency-free, so CI needs no kubectl.
 */
export function renderKustomization(dir: string, accumulated: Manifest[] = []): Manifest[] {
  const k = kustomizationOf(dir);
  let set = [...accumulated];
  for (const ref of k.resources ?? []) {
    const path = resolve(dir, ref);
    set.push(...(statSync(path).isDirectory() ? renderKustomization(path) : readDocuments(path)));
  }
  for (const ref of k.components ?? []) {
    const path = resolve(dir, ref);
    if (kustomizationOf(path).kind !== 'Component') throw new Error(`${ref}: not a kind: Component`);
    set = renderKustomization(path, set);
  }
  set.push(...generate('ConfigMap', k.configMapGenerator ?? [], dir), ...generate('Secret', k.secretGenerator ?? [], dir));
  set = applyPatches(set, k.patches ?? [], dir);
  if (k.namespace) set = setNamespace(set, k.namespace);
  if (k.labels) set = addLabels(set, k.labels);
  if (k.replicas) set = setReplicas(set, k.replicas);
  if (k.images) set = setImages(set, k.images);
  const ids = set.map((d) => `${d.kind}/${d.metadata?.namespace ?? ''}/${d.metadata?.name}`);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`${dir}: ${twice} is defined twice`);
  return set;
}
