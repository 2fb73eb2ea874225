import { Agent } from 'undici';
import { guardedLookup } from './guarded-lookup.ts';

const agents = new Map<string, Agent>();

/**
 * The shared undici Agent for outbound calls of one mode: every connection it opens resolves through
 * `guardedLookup`. Idle connections are kept briefly (callers reuse endpoints) and never hold the
 * process open.
 */
export function outboundAgent(production: boolean, connectTimeoutMs: number): Agent {
  const key = `${production}:${connectTimeoutMs}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      connect: { lookup: guardedLookup(production), timeout: connectTimeoutMs },
      keepAliveTimeout: 4_000,
      keepAliveMaxTimeout: 10_000,
    });
    agents.set(key, agent);
  }
  return agent;
}
