import { STAGE_ALIASES, STAGES, type LifecycleEvent, type Stage } from './lifecycle-event.ts';
import type { RequestFacts } from './request-index.ts';

/** `--client`, `--user` and `--state`; unset ones match everything. */
export interface TailFilter {
  clientId?: string;
  sub?: string;
  stages?: ReadonlySet<Stage>;
}

/**
 * Whether a line is shown: its request's client and user (from this event or an earlier one of the
 * same request: a request whose client or user the monitor has not seen does not match) and its stage.
 */
export function matchesFilter(filter: TailFilter, event: LifecycleEvent, facts: RequestFacts): boolean {
  if (filter.clientId !== undefined && (event.clientId ?? facts.clientId) !== filter.clientId) return false;
  if (filter.sub !== undefined && (event.sub ?? facts.sub) !== filter.sub) return false;
  return !filter.stages || filter.stages.has(event.stage);
}

/** `--state` values (comma-separated or repeated; aliases such as `decided`) to stages; throws on an unknown name. */
export function parseStages(values: readonly string[]): Set<Stage> {
  const stages = new Set<Stage>();
  for (const name of values.flatMap((value) => value.split(',')).map((s) => s.trim()).filter(Boolean)) {
    const alias = STAGE_ALIASES[name];
    if (alias) alias.forEach((stage) => stages.add(stage));
    else if ((STAGES as readonly string[]).includes(name)) stages.add(name as Stage);
    else throw new TypeError(`--state: unknown state ${JSON.stringify(name)} (one of ${[...STAGES, ...Object.keys(STAGE_ALIASES)].join(', ')})`);
  }
  return stages;
}
