import type { SourcedManifest } from './manifest.ts';

const NAME = 'app.kubernetes.io/name';

/** The `dist/` entry point a Deployment runs: `dist/channels/<name>/main.mjs` for `channel-<name>`, else `dist/services/<svc>/main.mjs`. */
export const entryPointOf = (svc: string) => (svc.startsWith('channel-') ? `dist/channels/${svc.slice('channel-'.length)}/main.mjs` : `dist/services/${svc}/main.mjs`);

/**
 * One name per service everywhere: `base/<svc>.yaml` holds exactly a Deployment, a Service, a
 * ServiceAccount (and a PodDisruptionBudget) all named `<svc>`, labelled and selected by
 * `app.kubernetes.io/name: <svc>`, whose container is `<svc>` running the one image `ciba/server` with
 * its entry point as `args`: `dist/services/<svc>/main.mjs`, or `dist/channels/<name>/main.mjs` for a
 * built-in channel `channel-<name>`.
 */
export function namingViolations(svc: string, set: SourcedManifest[]): string[] {
  const out: string[] = [];
  const at = (rule: string) => out.push(`base/${svc}.yaml: ${rule}`);
  for (const kind of ['Deployment', 'Service', 'ServiceAccount', 'PodDisruptionBudget']) {
    const docs = set.filter(({ doc }) => doc.kind === kind).map(({ doc }) => doc);
    if (docs.length !== 1) at(`expected one ${kind}, found ${docs.length}`);
    for (const doc of docs) {
      if (doc.metadata?.name !== svc) at(`${kind} is named ${doc.metadata?.name}, not ${svc}`);
      if (doc.metadata?.labels?.[NAME] !== svc) at(`${kind} label ${NAME} is ${doc.metadata?.labels?.[NAME]}, not ${svc}`);
    }
  }
  for (const { doc } of set) {
    if (!['Deployment', 'Service', 'ServiceAccount', 'PodDisruptionBudget'].includes(doc.kind ?? '')) at(`unexpected ${doc.kind}`);
  }
  const deployment = set.find(({ doc }) => doc.kind === 'Deployment')?.doc;
  const service = set.find(({ doc }) => doc.kind === 'Service')?.doc;
  const budget = set.find(({ doc }) => doc.kind === 'PodDisruptionBudget')?.doc;
  if (deployment) {
    const pod = deployment.spec?.template;
    if (deployment.spec?.selector?.matchLabels?.[NAME] !== svc) at(`Deployment selector ${NAME} must be ${svc}`);
    if (pod?.metadata?.labels?.[NAME] !== svc) at(`pod label ${NAME} must be ${svc}`);
    if (pod?.spec?.serviceAccountName !== svc) at(`serviceAccountName must be ${svc}`);
    const containers = pod?.spec?.containers ?? [];
    if (containers[0]?.name !== svc) at(`container must be named ${svc}`);
    if (containers[0]?.image !== 'ciba/server') at('image must be ciba/server (overlays set registry and tag)');
    const entry = entryPointOf(svc);
    if (JSON.stringify(containers[0]?.args) !== JSON.stringify([entry])) at(`args must be ["${entry}"]`);
    if (containers[0]?.command !== undefined) at('command must be unset (the image runs node on args)');
  }
  if (service && service.spec?.selector?.[NAME] !== svc) at(`Service selector ${NAME} must be ${svc}`);
  if (budget && budget.spec?.selector?.matchLabels?.[NAME] !== svc) at(`PodDisruptionBudget selector ${NAME} must be ${svc}`);
  return out;
}
