// Validates Kubernetes objects against their schemas, offline: reads a JSON array of manifests on stdin and
// writes a JSON array of violations. Built-in kinds use kubernetes-models' validators (the OpenAPI schemas
// of Kubernetes, compiled with ajv), KEDA and the Prometheus Operator their @kubernetes-models packages,
// Strimzi's KafkaTopic the CRD schema vendored in schemas/. A kind with no schema is a violation.
// Plain ESM run by node (schema-violations.ts spawns it): the model packages are ESM-only.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';

const MODELS = {
  'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap',
  'v1/Secret': 'kubernetes-models/v1/Secret',
  'v1/Service': 'kubernetes-models/v1/Service',
  'v1/ServiceAccount': 'kubernetes-models/v1/ServiceAccount',
  'v1/Namespace': 'kubernetes-models/v1/Namespace',
  'apps/v1/Deployment': 'kubernetes-models/apps/v1/Deployment',
  'batch/v1/Job': 'kubernetes-models/batch/v1/Job',
  'policy/v1/PodDisruptionBudget': 'kubernetes-models/policy/v1/PodDisruptionBudget',
  'networking.k8s.io/v1/NetworkPolicy': 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
  'networking.k8s.io/v1/Ingress': 'kubernetes-models/networking.k8s.io/v1/Ingress',
  'autoscaling/v2/HorizontalPodAutoscaler': 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
  'keda.sh/v1alpha1/ScaledObject': '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject',
  'keda.sh/v1alpha1/TriggerAuthentication': '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication',
  'monitoring.coreos.com/v1/ServiceMonitor': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor',
  'monitoring.coreos.com/v1/PrometheusRule': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule',
};
const VENDORED = {
  'kafka.strimzi.io/v1beta2/KafkaTopic': new URL('./schemas/strimzi-kafkatopic-v1beta2.json', import.meta.url),
};

const ajv = new Ajv({ allErrors: true, strict: false });
const describe = (errors) => (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');

async function validatorOf(type) {
  if (MODELS[type]) {
    const module = await import(MODELS[type]);
    const Model = module[type.split('/').at(-1)];
    return (doc) => {
      try {
        new Model(doc).validate();
        return undefined;
      } catch (err) {
        return err.errors ? describe(err.errors) : String(err.message ?? err);
      }
    };
  }
  if (VENDORED[type]) {
    const validate = ajv.compile(JSON.parse(readFileSync(VENDORED[type], 'utf8')));
    return (doc) => (validate(doc) ? undefined : describe(validate.errors));
  }
  return undefined;
}

const input = JSON.parse(readFileSync(0, 'utf8'));
const validators = new Map();
const out = [];
for (const { file, doc } of input) {
  const type = `${doc.apiVersion}/${doc.kind}`;
  if (!validators.has(type)) validators.set(type, await validatorOf(type));
  const validate = validators.get(type);
  const where = `${file}: ${doc.kind} ${doc.metadata?.name}`;
  if (!validate) out.push(`${where}: no schema for ${type}`);
  else {
    const problem = validate(doc);
    if (problem) out.push(`${where}: ${problem}`);
  }
}
process.stdout.write(JSON.stringify(out));
