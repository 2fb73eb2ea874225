// What the manifests must agree with, taken from the code: the processes, their consumer groups and
// topics (each service's subscribe call), the topics of libs/contracts, the metric names of the shared
// conventions, and the variables each process' config schema reads.
import { channelOffersTopic, TOPICS } from '@ciba/contracts';
import { join } from 'node:path';
import { PROMPT_LIMITS_GROUP } from '../../../../../services/auth-endpoint/src/handlers/decision-consumer.ts';
import { OUTCOMES_GROUP } from '../../../../../services/consent-dispatcher/src/handlers/outcome-consumer.ts';
import { PROMPTS_GROUP } from '../../../../../services/consent-dispatcher/src/handlers/prompt-consumer.ts';
import { NOTIFICATIONS_GROUP } from '../../../../../services/notifier/src/handlers/decision-consumer.ts';
import { CIBA_GRANT_TOPICS } from '../../../../../services/token/src/handlers/ciba-grant-events.ts';
import { CIBA_GRANTS_GROUP } from '../../../../../services/token/src/handlers/consumer-group.ts';
import { serviceSchemas } from '../../../../../scripts/config-docs/collect-variables.ts';
import type { Subscriptions } from './scaling-violations.ts';

export const repoRoot = join(__dirname, '..', '..', '..', '..', '..');
export const CHANNELS = ['webhook', 'email', 'sms', 'push'] as const;
export const SERVICES = ['auth-endpoint', 'token', 'consent-dispatcher', 'notifier', ...CHANNELS.map((c) => `channel-${c}`)];

/** Every consumer Deployment's groups and topics, as the code subscribes. */
export const SUBSCRIPTIONS: Subscriptions = {
  'auth-endpoint': [{ group: PROMPT_LIMITS_GROUP, topic: TOPICS.consentDecisions }],
  token: CIBA_GRANT_TOPICS.map((topic) => ({ group: CIBA_GRANTS_GROUP, topic })),
  'consent-dispatcher': [{ group: PROMPTS_GROUP, topic: TOPICS.authRequests }, { group: OUTCOMES_GROUP, topic: TOPICS.channelOutcomes }],
  notifier: [{ group: NOTIFICATIONS_GROUP, topic: TOPICS.consentDecisions }],
  ...Object.fromEntries(CHANNELS.map((c) => [`channel-${c}`, [{ group: `channel.${c}`, topic: channelOffersTopic(c) }]])),
};

/** Every topic: the fixed ones and each built-in channel's offers. */
export const ALL_TOPICS: string[] = [...Object.values(TOPICS), ...CHANNELS.map((c) => channelOffersTopic(c))];

/** The metric names of the shared conventions (COMMON.md), prom-client's default metrics by prefix. */
export const METRICS = new Set([
  'ciba_http_requests_total', 'ciba_http_request_duration_seconds', 'ciba_flow_outcomes_total', 'ciba_flow_stage_seconds',
  'ciba_outbox_backlog', 'ciba_outbox_oldest_age_seconds', 'ciba_consumer_lag', 'ciba_dead_letters_total', 'ciba_queue_jobs',
  'ciba_notification_deliveries_total', 'ciba_channel_deliveries_total', 'ciba_load_shed_total', 'nodejs_eventloop_lag_seconds',
]);
export const DEFAULT_METRIC_PREFIXES = ['nodejs_', 'process_'];
/** Readiness comes from outside the processes: Prometheus' own `up` and kube-state-metrics. */
export const INFRASTRUCTURE_METRICS = new Set(['up', 'kube_deployment_status_replicas_unavailable']);

/**
 * Variables of the shared conventions every process reads once the branches implementing them land
 * (metrics: METRICS_PORT; dist: MIGRATE_ON_START; traces: OTEL_*), accepted even before its schema has them.
 */
const CONVENTION_VARIABLES = ['METRICS_PORT', 'MIGRATE_ON_START', 'OTEL_TRACES_EXPORTER', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME'];

/** The variables each process reads (`migrate` reads what the all-in-one does: every service's database). */
export async function processVariables(): Promise<(process: string) => ReadonlySet<string> | undefined> {
  const schemas = await serviceSchemas(repoRoot);
  const names = new Map<string, Set<string>>();
  for (const [process, list] of schemas) names.set(process, new Set([...list.flatMap((s) => Object.keys(s.shape)), ...CONVENTION_VARIABLES]));
  names.set('migrate', names.get('all-in-one') as Set<string>);
  return (process) => names.get(process);
}
