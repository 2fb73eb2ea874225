import type { OutboxRecord } from '@ciba/event-bus';
import type { ConsentPrompt } from '../../src/domain/consent-prompt.ts';
import type { ExpiringPrompt, PromptStore } from '../../src/domain/prompt-store.ts';

/** An in-memory PromptStore with the same conditional transitions, for unit tests. */
export class MemoryPromptStore implements PromptStore {
  readonly prompts = new Map<string, ConsentPrompt>();
  readonly processed = new Set<string>();
  readonly outbox: OutboxRecord[] = [];

  async recordCreated(group: string, eventId: string, prompt: Parameters<PromptStore['recordCreated']>[2], expiredEvent?: OutboxRecord) {
    this.processed.add(`${group}/${eventId}`);
    const existing = [...this.prompts.values()].find((p) => p.requestId === prompt.requestId);
    if (existing) return { prompt: { ...existing }, created: false };
    const expired = prompt.deliveryStatus === 'expired';
    if (expired && !expiredEvent) throw new TypeError('an expired prompt is stored with its expired event');
    const { nextOfferAt, ...rest } = prompt;
    const created: ConsentPrompt = { ...rest, ...(!expired && nextOfferAt ? { nextOfferAt } : {}), status: expired ? 'expired' : 'pending', round: 1, nextChannelIndex: 0 };
    this.prompts.set(prompt.promptId, created);
    if (expired && expiredEvent) this.outbox.push(expiredEvent);
    return { prompt: { ...created }, created: true };
  }

  async expireDue(now: Date, limit: number, expiredEvent: (prompt: ExpiringPrompt) => OutboxRecord) {
    const due = [...this.prompts.values()]
      .filter((p) => p.status === 'pending' && p.expiresAt.getTime() <= now.getTime())
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .slice(0, limit);
    return due.map((p) => {
      p.status = 'expired';
      if (p.deliveryStatus === 'queued') p.deliveryStatus = 'expired';
      delete p.nextOfferAt;
      const expired = { promptId: p.promptId, requestId: p.requestId, clientId: p.clientId, sub: p.sub, expiresAt: p.expiresAt };
      this.outbox.push(expiredEvent(expired));
      return expired;
    });
  }

  async findById(promptId: string) {
    const p = this.prompts.get(promptId);
    return p ? { ...p } : null;
  }

  async findByRequestId(requestId: string) {
    const p = [...this.prompts.values()].find((x) => x.requestId === requestId);
    return p ? { ...p } : null;
  }

  async decide(promptId: string, status: 'approved' | 'denied', decidedAt: Date, event: OutboxRecord) {
    const p = this.prompts.get(promptId);
    if (!p || p.status !== 'pending' || p.expiresAt.getTime() <= decidedAt.getTime()) return false;
    p.status = status;
    p.decidedAt = decidedAt;
    this.outbox.push(event);
    return true;
  }
}
