import { z } from 'zod';
import { baseEnv, loadConfig, settleBaseConfig, wholeNumber, type BaseConfig } from '@ciba/service-kit';

/** The `OTEL_*` tracing variables, read by the composition root (`startTracing`). */
export { tracingEnv } from '@ciba/service-kit';

/** Environment of the audit service: the shared base (interfaces.md §1) plus the query page size. */
export const auditEnv = baseEnv.extend({
  /** Most records one `GET /admin/audit` answers (`limit` may ask for fewer). @defaultValue 500 */
  AUDIT_PAGE_MAX: wholeNumber('records', 500, 1, 10_000),
});

export type AuditEnv = z.infer<typeof auditEnv>;

/** The settled configuration of the audit service. */
export interface AuditConfig extends BaseConfig {
  /** PostgreSQL schema owned by this service. */
  schema: string;
  pageMax: number;
}

/** Parses and settles the audit service's environment; a bad value throws a one-line `ConfigError`. */
export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const parsed = loadConfig(auditEnv, env);
  return { ...settleBaseConfig(parsed), schema: 'audit', pageMax: parsed.AUDIT_PAGE_MAX };
}
