// Every overlay rendered offline (the in-repo kustomize subset; compared with `kubectl kustomize` where
// kubectl is installed), every object checked against its schema, and every rule on the result.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { alertViolations } from '../../support/deploy/alert-violations.ts';
import { configViolations } from '../../support/deploy/config-violations.ts';
import { deploymentViolations } from '../../support/deploy/deployment-violations.ts';
import { ALL_TOPICS, DEFAULT_METRIC_PREFIXES, INFRASTRUCTURE_METRICS, METRICS, processVariables, repoRoot, SERVICES, SUBSCRIPTIONS } from '../../support/deploy/deployment-facts.ts';
import { envViolations } from '../../support/deploy/env-violations.ts';
import { imageViolations } from '../../support/deploy/image-violations.ts';
import { ingressViolations } from '../../support/deploy/ingress-violations.ts';
import { jobViolations } from '../../support/deploy/job-violations.ts';
import { kafkaTopicViolations } from '../../support/deploy/kafka-topic-violations.ts';
import { renderKustomization } from '../../support/deploy/kustomize/render-kustomization.ts';
import type { Manifest, SourcedManifest } from '../../support/deploy/manifest.ts';
import { networkPolicyViolations } from '../../support/deploy/network-policy-violations.ts';
import { runbookAnchors } from '../../support/deploy/runbook-anchors.ts';
import { scalingViolations } from '../../support/deploy/scaling-violations.ts';
import { schemaViolations } from '../../support/deploy/schema-violations.ts';
import { serviceMonitorViolations } from '../../support/deploy/service-monitor-violations.ts';

const k8s = join(repoRoot, 'deploy', 'k8s');
const OVERLAYS = ['development', 'production'];
const render = (path: string): SourcedManifest[] => renderKustomization(join(k8s, path)).map((doc) => ({ file: path, doc }));
const rendered = Object.fromEntries(OVERLAYS.map((o) => [o, render(`overlays/${o}`)]));
const all = (set: SourcedManifest[], kind: string) => set.filter(({ doc }) => doc.kind === kind).map(({ doc }) => doc);
const one = (set: SourcedManifest[], kind: string, name: string) => all(set, kind).find((d) => d.metadata?.name === name) as Manifest;
const runbooks = runbookAnchors(readFileSync(join(k8s, 'README.md'), 'utf8'));
const allowedMetrics = new Set([...METRICS, ...INFRASTRUCTURE_METRICS]);

describe.each(OVERLAYS)('overlays/%s rendered', (overlay) => {
  const set = rendered[overlay] as SourcedManifest[];

  it('holds every service, the migration Job and valid objects of known kinds', () => {
    expect(all(set, 'Deployment').map((d) => d.metadata?.name).sort()).toEqual([...SERVICES].sort());
    expect(all(set, 'Job').map((d) => d.metadata?.name)).toEqual(['ciba-migrate']);
    expect(schemaViolations(set)).toEqual([]);
  });

  it('keeps every rule: Deployments, Job, images, Ingress, config, network policies, env names', async () => {
    expect(deploymentViolations(set)).toEqual([]);
    expect(jobViolations(set)).toEqual([]);
    expect(imageViolations(set)).toEqual([]);
    expect(ingressViolations(set, SERVICES)).toEqual([]);
    expect(configViolations(set)).toEqual([]);
    expect(networkPolicyViolations(set)).toEqual([]);
    expect(envViolations(set, await processVariables())).toEqual([]);
  });

  it('scales every consumer on its groups, with no second autoscaler on any Deployment', () => {
    expect(scalingViolations(set, SUBSCRIPTIONS)).toEqual([]);
    expect(all(set, 'HorizontalPodAutoscaler')).toEqual([]);
  });
});

describe('overlays/production', () => {
  const set = rendered.production as SourcedManifest[];
  const config = one(set, 'ConfigMap', 'ciba-config').data as Record<string, string>;

  it('runs NODE_ENV=production with an https issuer, Kafka, no migration at start and no secret in git', () => {
    expect(config).toMatchObject({ NODE_ENV: 'production', ISSUER: 'https://ciba.example.com' });
    expect(config.KAFKA_BROKERS).toMatch(/^[^,]+:\d+(,[^,]+:\d+)*$/);
    expect(config).not.toHaveProperty('MIGRATE_ON_START');
    expect(all(set, 'Secret')).toEqual([]);
  });

  it('keeps two replicas of everything, and KEDA never goes below two', () => {
    for (const d of all(set, 'Deployment')) expect(d.spec.replicas).toBeGreaterThanOrEqual(2);
    for (const so of all(set, 'ScaledObject')) expect(so.spec.minReplicaCount).toBeGreaterThanOrEqual(2);
  });

  it('adds CPU to the HTTP hot paths as a trigger of their ScaledObjects', () => {
    const cpu = all(set, 'ScaledObject').filter((so) => so.spec.triggers.some((t: Manifest) => t.type === 'cpu')).map((so) => so.metadata?.name).sort();
    expect(cpu).toEqual(['auth-endpoint', 'token']);
  });

  it('manages every topic as a Strimzi KafkaTopic that agrees with what the services would create', () => {
    expect(kafkaTopicViolations(set, ALL_TOPICS)).toEqual([]);
    const retention = (topic: string) => Number(all(set, 'KafkaTopic').find((t) => t.spec.topicName === topic)?.spec.config['retention.ms']);
    expect(retention('ciba.dead-letters')).toBeGreaterThan(retention('ciba.auth-requests'));
    expect(retention('ciba.channel-offers.push')).toBeLessThan(retention('ciba.auth-requests'));
  });

  it('scrapes every service and alerts on known metrics only, each alert with its runbook', () => {
    expect(serviceMonitorViolations(set)).toEqual([]);
    expect(alertViolations(set, allowedMetrics, DEFAULT_METRIC_PREFIXES, runbooks)).toEqual([]);
    const alerts = all(set, 'PrometheusRule').flatMap((r) => r.spec.groups.flatMap((g: Manifest) => g.rules.map((x: Manifest) => x.alert)));
    expect(alerts.length).toBeGreaterThanOrEqual(9);
    expect(one(set, 'ConfigMap', 'ciba-grafana-dashboard').metadata?.labels).toMatchObject({ grafana_dashboard: '1' });
  });
});

describe('overlays/development', () => {
  const set = rendered.development as SourcedManifest[];

  it('carries events over Redis Streams, and KEDA dials the Redis of its own namespace', () => {
    expect(one(set, 'ConfigMap', 'ciba-config').data).not.toHaveProperty('KAFKA_BROKERS');
    const addresses = new Set(all(set, 'ScaledObject').flatMap((so) => so.spec.triggers.map((t: Manifest) => t.metadata?.address)));
    expect([...addresses]).toEqual(['redis.ciba-dev.svc.cluster.local:6379']);
    expect(all(set, 'KafkaTopic')).toEqual([]);
  });
});

// kubectl (its built-in kustomize) is the reference where installed: the in-repo renderer must agree.
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const withKubectl = kubectl ? it : it.skip;

describe('the in-repo renderer agrees with kubectl kustomize (when kubectl is installed)', () => {
  // kustomize appends a content hash to generated names (ciba-secrets-<hash>); the renderer does not.
  const unhashed = (doc: Manifest): Manifest => JSON.parse(JSON.stringify(doc).replace(/"(ciba-secrets)-[a-z0-9]{10}"/g, '"$1"'));
  const byId = (docs: Manifest[]) => new Map(docs.map(unhashed).map((d) => [`${d.kind}/${d.metadata?.namespace}/${d.metadata?.name}`, d]));

  withKubectl.each(OVERLAYS)('%s', (overlay) => {
    const run = spawnSync('kubectl', ['kustomize', join(k8s, 'overlays', overlay)], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const theirs = byId(parseAllDocuments(run.stdout).map((d) => d.toJS() as Manifest));
    const mine = byId((rendered[overlay] as SourcedManifest[]).map(({ doc }) => doc));
    expect([...mine.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [id, doc] of mine) expect([id, doc]).toEqual([id, theirs.get(id)]);
  });
});
