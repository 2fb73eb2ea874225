import type { Manifest } from '../manifest.ts';

/** A kustomize patch `target`: kind, name and namespace are regular expressions matching the whole value. */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
}

const whole = (pattern: string | undefined, value: string) => pattern === undefined || new RegExp(`^(?:${pattern})$`).test(value);

/** The group and version of an `apiVersion` (`v1` is the core group ""). */
export function groupVersion(apiVersion = ''): { group: string; version: string } {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return { group: group as string, version: version as string };
}

/** Whether `doc` is one of the objects `target` names (labelSelector: `key=value` pairs, comma-separated). */
export function selects(target: PatchTarget, doc: Manifest): boolean {
  const { group, version } = groupVersion(doc.apiVersion);
  const labels = doc.metadata?.labels ?? {};
  const labelsMatch = (target.labelSelector ?? '').split(',').filter(Boolean).every((pair) => {
    const [key, value] = pair.split('=').map((s) => s.trim());
    return labels[key as string] === value;
  });
  return whole(target.group, group) && whole(target.version, version) && whole(target.kind, doc.kind ?? '') && whole(target.name, doc.metadata?.name ?? '')
    && whole(target.namespace, doc.metadata?.namespace ?? '') && labelsMatch;
}
