// Each rule on the rendered overlays, fed a broken copy: the breakage must be reported.
import { join } from 'node:path';
import { alertViolations } from '../../support/deploy/alert-violations.ts';
import { deploymentViolations } from '../../support/deploy/deployment-violations.ts';
import { ALL_TOPICS, METRICS, processVariables, repoRoot, SERVICES, SUBSCRIPTIONS } from '../../support/deploy/deployment-facts.ts';
import { envViolations } from '../../support/deploy/env-violations.ts';
import { imageViolations } from '../../support/deploy/image-violations.ts';
import { ingressViolations } from '../../support/deploy/ingress-violations.ts';
import { jobViolations } from '../../support/deploy/job-violations.ts';
import { kafkaTopicViolations } from '../../support/deploy/kafka-topic-violations.ts';
import { renderKustomization } from '../../support/deploy/kustomize/render-kustomization.ts';
import type { Manifest, SourcedManifest } from '../../support/deploy/manifest.ts';
import { networkPolicyViolations } from '../../support/deploy/network-policy-violations.ts';
import { promqlMetricNames } from '../../support/deploy/promql-metric-names.ts';
import { scalingViolations } from '../../support/deploy/scaling-violations.ts';
import { schemaViolations } from '../../support/deploy/schema-violations.ts';
import { serviceMonitorViolations } from '../../support/deploy/service-monitor-violations.ts';

const render = (overlay: string) => renderKustomization(join(repoRoot, 'deploy', 'k8s', 'overlays', overlay)).map((doc) => ({ file: overlay, doc }));
const production = render('production');
const development = render('development');
const broken = (set: SourcedManifest[]) => structuredClone(set);
const find = (set: SourcedManifest[], kind: string, name?: string) => set.find(({ doc }) => doc.kind === kind && (!name || doc.metadata?.name === name))!.doc;
const container = (set: SourcedManifest[], name: string) => find(set, 'Deployment', name).spec.template.spec.containers[0];
const without = (set: SourcedManifest[], kind: string, name: string) => set.filter(({ doc }) => !(doc.kind === kind && doc.metadata?.name === name));

it('schemas: a wrong type, a value out of range and a kind without a schema', () => {
  const set = broken(production);
  find(set, 'Deployment', 'token').spec.replicas = 'two';
  find(set, 'KafkaTopic').spec.partitions = 0;
  find(set, 'ScaledObject', 'notifier').spec.triggers[0].metadata.lagThreshold = 20;
  set.push({ file: 'x', doc: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } } });
  expect(schemaViolations(set)).toEqual([
    'production: Deployment token: /spec/replicas must be integer',
    'production: KafkaTopic ciba-auth-requests: /spec/partitions must be >= 1',
    'production: ScaledObject notifier: /spec/triggers/0/metadata/lagThreshold must be string',
    'x: Widget w: no schema for example.com/v1/Widget',
  ]);
});

it('images: untagged and latest', () => {
  const set = broken(production);
  container(set, 'token').image = 'registry.example.com:5000/ciba/server';
  container(set, 'notifier').image = 'ciba/server:latest';
  expect(imageViolations(set)).toEqual([
    'production: Deployment token: container token: image registry.example.com:5000/ciba/server has no tag',
    'production: Deployment notifier: container notifier: image ciba/server:latest uses latest',
  ]);
});

it('Deployments: no metrics port, METRICS_PORT or Service port metrics', () => {
  const set = broken(production);
  const c = container(set, 'token');
  c.ports = c.ports.filter((p: Manifest) => p.name !== 'metrics');
  c.env = c.env.filter((e: Manifest) => e.name !== 'METRICS_PORT');
  find(set, 'Service', 'token').spec.ports.pop();
  expect(deploymentViolations(set)).toEqual([
    'production: Deployment token: Service token has no port metrics (targetPort metrics)',
    'production: Deployment token: container token: container port metrics must be 9464',
    'production: Deployment token: container token: env METRICS_PORT must be "9464" (the metrics port)',
  ]);
});

it('migration Job: restarts in place, unbounded, writable root, a service migrating at start, a PreSync hook, a Deployment in its wave, no Job', () => {
  const set = broken(production);
  const job = find(set, 'Job');
  job.spec.template.spec.restartPolicy = 'OnFailure';
  delete job.spec.backoffLimit;
  job.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false;
  container(set, 'token').env.push({ name: 'MIGRATE_ON_START', value: 'true' });
  job.metadata!.annotations!['argocd.argoproj.io/hook'] = 'PreSync';
  delete find(set, 'Deployment', 'notifier').metadata?.annotations?.['argocd.argoproj.io/sync-wave'];
  expect(jobViolations(set)).toEqual([
    'Job ciba-migrate: must be an Argo CD Sync hook',
    'Deployment notifier: its Argo CD sync-wave must come after the migration Job\'s',
    'production: Job ciba-migrate: restartPolicy must be Never (the Job retries in new pods)',
    'production: Job ciba-migrate: backoffLimit must be set',
    'production: Job ciba-migrate: container ciba-migrate: securityContext.readOnlyRootFilesystem must be true',
    'production: Deployment token: MIGRATE_ON_START=true (the Job migrates)',
  ]);
  expect(jobViolations(without(production, 'Job', 'ciba-migrate'))).toEqual(['expected one Job running dist/migrate.mjs, found 0']);
});

it('network policies: metrics open to every pod, no deny-all, no scrape allowance', () => {
  const set = broken(production);
  find(set, 'NetworkPolicy', 'allow-metrics-scrape').spec.ingress[0].from = [{ podSelector: {} }];
  expect(networkPolicyViolations(set)).toContain('production: NetworkPolicy allow-metrics-scrape: admits the metrics port from outside the monitoring namespace');
  expect(networkPolicyViolations(set)).toContain('production: Deployment token: no NetworkPolicy admits scrapes of port 9464 from the monitoring namespace');
  const open = broken(production);
  find(open, 'NetworkPolicy', 'allow-public-http').spec.ingress[0].ports = undefined;
  expect(networkPolicyViolations(open)).toContain('production: NetworkPolicy allow-public-http: admits the metrics port (all ports) from outside the monitoring namespace');
  expect(networkPolicyViolations(without(production, 'NetworkPolicy', 'default-deny-ingress'))).toContain('production: Deployment channel-sms: no deny-all ingress NetworkPolicy selects its pods');
});

it('env names: a variable no schema reads, a ConfigMap key nobody reads, an unknown entry point', async () => {
  const set = broken(development);
  container(set, 'notifier').env.push({ name: 'NOTIFIER_TIMEOUT', value: '5' });
  container(set, 'channel-sms').env.push({ name: 'TOKEN_SERVICE_URL', value: 'http://token:8080' });
  find(set, 'ConfigMap', 'ciba-config').data.KAFKA_BROKER = 'kafka:9092';
  container(set, 'token').args = ['dist/services/tokens/main.mjs'];
  expect(envViolations(set, await processVariables())).toEqual([
    'development: Deployment token: container token: runs no known process (args ["dist/services/tokens/main.mjs"])',
    'development: Deployment notifier: container notifier: env NOTIFIER_TIMEOUT is not read by notifier',
    'development: Deployment channel-sms: container channel-sms: env TOKEN_SERVICE_URL is not read by channel-sms',
    'development: ConfigMap ciba-config: KAFKA_BROKER is read by none of the processes that load it',
  ]);
});

it('ServiceMonitor: a port no Service has, a Service without it, selecting nothing', () => {
  const set = broken(production);
  find(set, 'Service', 'notifier').spec.ports = find(set, 'Service', 'notifier').spec.ports.filter((p: Manifest) => p.name !== 'metrics');
  expect(serviceMonitorViolations(set)).toEqual(['production: ServiceMonitor ciba: Service notifier has no port named metrics', 'Deployment notifier: no ServiceMonitor scrapes its Service']);
  find(set, 'ServiceMonitor').spec.endpoints[0].port = 'prometheus';
  expect(serviceMonitorViolations(set)).toHaveLength(2 * SERVICES.length);
  find(set, 'ServiceMonitor').spec.selector.matchLabels = { app: 'none' };
  expect(serviceMonitorViolations(set)[0]).toBe('production: ServiceMonitor ciba: selects no Service');
});

describe('alerts', () => {
  it('reads the metric names of an expression, not functions, labels, ranges or groupings', () => {
    expect(promqlMetricNames('histogram_quantile(0.99, sum by (service, le) (rate(ciba_http_request_duration_seconds_bucket{route="/token"}[5m]))) > 1')).toEqual(['ciba_http_request_duration_seconds_bucket']);
    expect(promqlMetricNames('sum(rate(a_total{x=~"b|c"}[5m])) / ignoring (error) group_left sum(rate(b_total[1h] offset 1d)) and on (job) up == 0').sort()).toEqual(['a_total', 'b_total', 'up']);
  });

  it('reports an unknown metric, a missing severity, for, summary or runbook, and a dashboard query of an unknown metric', () => {
    const set = broken(production);
    const rules = find(set, 'PrometheusRule').spec.groups[0].rules;
    rules[0].expr = 'rate(http_requests_total[5m]) > 1';
    delete rules[1].labels.severity;
    delete rules[1].for;
    delete rules[2].annotations.summary;
    rules[3].annotations.runbook_url = 'deploy/k8s/README.md#nowhere';
    const dashboard = find(set, 'ConfigMap', 'ciba-grafana-dashboard');
    const json = JSON.parse(dashboard.data['ciba-dashboard.json']);
    json.panels[0].targets[0].expr = 'sum(ciba_requests_total)';
    dashboard.data['ciba-dashboard.json'] = JSON.stringify(json);
    const runbooks = new Set<string>(rules.map((r: Manifest) => String(r.alert).toLowerCase()));
    expect(alertViolations(set, METRICS, [], runbooks)).toEqual([
      'production: PrometheusRule ciba: CibaHttp5xxRate: reads http_requests_total, which is not a known metric',
      'production: PrometheusRule ciba: CibaOAuthErrorRate: severity must be critical, warning or info',
      'production: PrometheusRule ciba: CibaOAuthErrorRate: for missing',
      'production: PrometheusRule ciba: CibaHighLatencyP99: annotation summary missing',
      'production: PrometheusRule ciba: CibaOutboxStalled: runbook_url deploy/k8s/README.md#nowhere names no runbook section',
      'production: PrometheusRule ciba: CibaTargetDown: reads up, which is not a known metric',
      'production: PrometheusRule ciba: CibaNotReady: reads kube_deployment_status_replicas_unavailable, which is not a known metric',
      'production: ConfigMap ciba-grafana-dashboard: ciba-dashboard.json: reads ciba_requests_total, which is not a known metric',
      'production: ConfigMap ciba-grafana-dashboard: ciba-dashboard.json: reads up, which is not a known metric',
    ]);
  });
});

describe('autoscaling', () => {
  it('Kafka: two autoscalers, idle consumers, more replicas than partitions, other brokers, a missing group, a missing target', () => {
    const set = broken(production);
    set.push({ file: 'x', doc: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'token' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'token' } } } });
    const notifier = find(set, 'ScaledObject', 'notifier');
    notifier.spec.triggers[0].metadata.allowIdleConsumers = 'true';
    notifier.spec.maxReplicaCount = 20;
    notifier.spec.triggers[0].metadata.bootstrapServers = 'kafka:9092';
    const dispatcher = find(set, 'ScaledObject', 'consent-dispatcher');
    dispatcher.spec.triggers = dispatcher.spec.triggers.slice(0, 1);
    find(set, 'ScaledObject', 'channel-sms').spec.scaleTargetRef.name = 'channel-text';
    find(set, 'ScaledObject', 'channel-email').spec.minReplicaCount = 0;
    expect(scalingViolations(set, SUBSCRIPTIONS)).toEqual([
      'Deployment token is scaled by ScaledObject token and HorizontalPodAutoscaler token',
      'ScaledObject channel-sms targets Deployment channel-text, which does not exist',
      'ScaledObject notifier: kafka trigger ciba.consent-decisions: allowIdleConsumers must be "false"',
      'ScaledObject notifier: kafka trigger ciba.consent-decisions: bootstrapServers kafka:9092 is not KAFKA_BROKERS (ciba-kafka-bootstrap.kafka.svc:9092)',
      'ScaledObject notifier: maxReplicaCount 20 exceeds the 8 partitions of ciba.consent-decisions',
      'ScaledObject channel-email: minReplicaCount must be at least 1 (consumers never scale to zero)',
      'ScaledObject consent-dispatcher: no trigger for group consent-dispatcher.outcomes on ciba.channel-outcomes',
      'Deployment channel-sms consumes events but no ScaledObject scales it',
    ]);
  });

  it('Redis Streams: a partition stream without a trigger, and no pending-entries threshold', () => {
    const set = broken(development);
    const token = find(set, 'ScaledObject', 'token');
    token.spec.triggers = token.spec.triggers.filter((t: Manifest) => t.metadata?.stream !== 'ciba:ciba.consent-decisions:7');
    delete find(set, 'ScaledObject', 'notifier').spec.triggers[3].metadata.pendingEntriesCount;
    expect(scalingViolations(set, SUBSCRIPTIONS)).toEqual([
      'ScaledObject notifier: redis-streams trigger ciba:ciba.consent-decisions:3: pendingEntriesCount missing',
      'ScaledObject token: no trigger for group token.ciba-grants on ciba.consent-decisions (every partition stream)',
    ]);
  });
});

it('KafkaTopics: a missing topic, an unknown one, no room for a broker down, settings the services would not create', () => {
  const set = broken(production).filter(({ doc }) => !(doc.kind === 'KafkaTopic' && doc.spec.topicName === 'ciba.tokens'));
  set.push({ file: 'x', doc: { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'KafkaTopic', metadata: { name: 'ciba-audit', labels: { 'strimzi.io/cluster': 'ciba' } }, spec: { topicName: 'ciba.audit', partitions: 8, replicas: 3, config: { 'min.insync.replicas': 2, 'retention.ms': 1, 'cleanup.policy': 'delete' } } } });
  const offers = find(set, 'KafkaTopic', 'ciba-channel-offers-sms');
  offers.spec.config['min.insync.replicas'] = 3;
  offers.spec.partitions = 16;
  delete offers.spec.config['retention.ms'];
  expect(kafkaTopicViolations(set, ALL_TOPICS)).toEqual([
    'no KafkaTopic for ciba.tokens',
    'KafkaTopic ciba-channel-offers-sms: needs min.insync.replicas >= 2 and more replicas than that',
    'KafkaTopic ciba-channel-offers-sms: retention.ms missing',
    'KafkaTopic ciba-channel-offers-sms: partitions 16 differ from KAFKA_PARTITIONS 8',
    'KafkaTopic ciba-audit: ciba.audit is no topic of ours',
  ]);
});

it('Ingress: /metrics and the metrics port are never routed', () => {
  const set = broken(production);
  const paths = find(set, 'Ingress').spec.rules[0].http.paths;
  paths.push({ path: '/metrics', pathType: 'Exact', backend: { service: { name: 'token', port: { name: 'http' } } } });
  paths.push({ path: '/stats', pathType: 'Exact', backend: { service: { name: 'token', port: { number: 9464 } } } });
  expect(ingressViolations(set, SERVICES)).toEqual([
    'production: Ingress ciba: path /metrics routes /metrics',
    'production: Ingress ciba: path /stats routes the metrics port',
  ]);
});
