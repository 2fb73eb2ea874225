import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { SourcedManifest } from './manifest.ts';

/**
 * Every object of `set` checked against the schema of its apiVersion and kind (validate-schemas.mjs:
 * kubernetes-models for built-in kinds, KEDA and Prometheus Operator models, Strimzi's KafkaTopic CRD
 * schema), offline. One line per invalid object or kind without a schema.
 */
export function schemaViolations(set: SourcedManifest[]): string[] {
  const run = spawnSync(process.execPath, [join(__dirname, 'validate-schemas.mjs')], { input: JSON.stringify(set), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`validate-schemas.mjs failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
}
