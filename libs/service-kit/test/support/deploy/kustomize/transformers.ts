import type { Manifest } from '../manifest.ts';

/** Kinds without a namespace among those a CIBA deployment could hold. */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'IngressClass']);

/** `namespace:` sets metadata.namespace of every namespaced object. */
export const setNamespace = (set: Manifest[], namespace: string): Manifest[] =>
  set.map((doc) => (CLUSTER_SCOPED.has(doc.kind ?? '') ? doc : { ...doc, metadata: { ...doc.metadata, namespace } }));

/** `labels: [{pairs}]` adds the pairs to metadata.labels (and, with includeTemplates, to pod templates). */
export function addLabels(set: Manifest[], entries: { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[]): Manifest[] {
  if (entries.some((e) => e.includeSelectors)) throw new Error('labels.includeSelectors is not supported by this renderer');
  return set.map((doc) => {
    const out = structuredClone(doc);
    for (const { pairs, includeTemplates } of entries) {
      out.metadata = { ...out.metadata, labels: { ...out.metadata?.labels, ...pairs } };
      if (includeTemplates && out.spec?.template) out.spec.template.metadata = { ...out.spec.template.metadata, labels: { ...out.spec.template.metadata?.labels, ...pairs } };
    }
    return out;
  });
}

/** `replicas:` sets spec.replicas of the named workloads. */
export const setReplicas = (set: Manifest[], entries: { name: string; count: number }[]): Manifest[] =>
  set.map((doc) => {
    const entry = entries.find((e) => e.name === doc.metadata?.name);
    return entry && ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(doc.kind ?? '') ? { ...doc, spec: { ...doc.spec, replicas: entry.count } } : doc;
  });

export interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** The image without its tag or digest (a registry port's colon is not a tag). */
export const imageName = (image: string) => image.replace(/@.*$/, '').replace(/:[^:/]+$/, '');

/** `images:` rewrites every container and init container image named `name`. */
export function setImages(set: Manifest[], entries: ImageEntry[]): Manifest[] {
  const rewrite = (node: any): void => {
    if (Array.isArray(node)) return node.forEach(rewrite);
    if (typeof node !== 'object' || node === null) return;
    for (const field of ['containers', 'initContainers']) {
      for (const c of Array.isArray(node[field]) ? node[field] : []) {
        const entry = typeof c.image === 'string' && entries.find((e) => e.name === imageName(c.image));
        if (!entry) continue;
        const tag = entry.digest ? `@${entry.digest}` : entry.newTag ? `:${entry.newTag}` : c.image.slice(imageName(c.image).length);
        c.image = `${entry.newName ?? imageName(c.image)}${tag}`;
      }
    }
    Object.values(node).forEach(rewrite);
  };
  return set.map((doc) => {
    const out = structuredClone(doc);
    rewrite(out);
    return out;
  });
}
