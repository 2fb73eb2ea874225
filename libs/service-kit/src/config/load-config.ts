import { z } from 'zod';

/** A configuration error: one line that names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment once against a service's schema. A bad value throws a `ConfigError` whose
 * message is one line naming the variable, e.g. `invalid configuration: PORT: expected a port number`.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = issue.path.join('.') || '(environment)';
  throw new ConfigError(`invalid configuration: ${name}: ${issue.message}`);
}
