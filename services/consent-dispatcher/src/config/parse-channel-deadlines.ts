import { ConfigError } from '@ciba/service-kit';

/** Milliseconds a channel has to answer an offer: per channel name, `default` for the rest. */
export interface ChannelDeadlines {
  default: number;
  byChannel: Readonly<Record<string, number>>;
}

const PAIR = /^([a-z][a-z0-9-]{0,39})=([0-9]{3,7})$/;

/** `CONSENT_CHANNEL_DEADLINES` (`webhook=10000,push=15000`) over `CONSENT_CHANNEL_DEADLINE_MS`; a bad pair throws a `ConfigError`. */
export function parseChannelDeadlines(text: string | undefined, fallbackMs: number): ChannelDeadlines {
  const byChannel: Record<string, number> = {};
  for (const raw of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = PAIR.exec(raw);
    const ms = match ? Number(match[2]) : NaN;
    if (!match || ms < 100 || ms > 3_600_000) {
      throw new ConfigError(`invalid configuration: CONSENT_CHANNEL_DEADLINES: expected <channel>=<100..3600000 milliseconds>, got ${JSON.stringify(raw)}`);
    }
    byChannel[match[1]!] = ms;
  }
  return { default: fallbackMs, byChannel };
}
