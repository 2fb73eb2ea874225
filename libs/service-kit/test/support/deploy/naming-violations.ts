import type { SourcedManifest } from './manifest.ts';

const NAME = 'app.kubernetes.io/name';

/**
 * One name per service everywhere: `base/<svc>.yaml` holds exactly a Deployment, a Service, a
 * ServiceAccount (and a PodDisruptionBudget) all named `<svc>`, labelled and selected by
 * `app.kubernetes.io/name: <svc>`, whose container is `<svc>` running image `ciba/<svc>` (a built-in
 * channel, `channel-<name>`, runs `channels/<name>` of the image `ciba/all-in-one`).
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
    const image = svc.startsWith('channel-') ? 'ciba/all-in-one' : `ciba/${svc}`;
    if (containers[0]?.image !== image) at(`image must be ${image} (overlays set registry and tag)`);
  }
  if (service && service.spec?.selector?.[NAME] !== svc) at(`Service selector ${NAME} must be ${svc}`);
  if (budget && budget.spec?.selector?.matchLabels?.[NAME] !== svc) at(`PodDisruptionBudget selector ${NAME} must be ${svc}`);
  return out;
}
