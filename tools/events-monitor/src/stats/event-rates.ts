export interface EventRate {
  topic: string;
  type: string;
  count: number;
  /** Events per second over the window. */
  perSecond: number;
}

/** Counts per topic and event type, and their rate over `windowMs`, busiest first. */
export function eventRates(events: ReadonlyArray<{ topic: string; type: string }>, windowMs: number): EventRate[] {
  const counts = new Map<string, EventRate>();
  for (const { topic, type } of events) {
    const key = `${topic}\u0000${type}`;
    const rate = counts.get(key) ?? { topic, type, count: 0, perSecond: 0 };
    rate.count++;
    counts.set(key, rate);
  }
  return [...counts.values()]
    .map((rate) => ({ ...rate, perSecond: Math.round((rate.count / (windowMs / 1000)) * 1000) / 1000 }))
    .sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic) || a.type.localeCompare(b.type));
}
