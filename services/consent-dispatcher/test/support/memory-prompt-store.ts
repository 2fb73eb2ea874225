import type { OutboxRecord } from '@ciba/event-bus';
import type { ConsentPrompt } from '../../src/domain/consent-prompt.ts';
import type { DeliveryAttempt, ExpiringPrompt, PromptStore } from '../../src/domain/prompt-store.ts';

/** An in-memory PromptStore with the same conditional transitions, for unit tests. */
export class MemoryPromptStore implements PromptStore {
  readonly prompts = new Map<string, ConsentPrompt>();
  readonly processed = new Set<string>();
  readonly attempts: DeliveryAttempt[] = [];
  readonly outbox: OutboxRecord[] = [];
  readonly failures = new Map<string, string>();
  /** When each prompt was stored (prompts put in `prompts` directly count as stored long ago). */
  readonly storedAt = new Map<string, Date>();

  async recordCreated(group: string, eventId: string, prompt: Parameters<PromptStore['recordCreated']>[2], expiredEvent?: OutboxRecord) {
    this.processed.add(`${group}/${eventId}`);
    const existing = [...this.prompts.values()].find((p) => p.requestId === prompt.requestId);
    if (existing) return { prompt: { ...existing }, created: false };
    const expired = prompt.deliveryStatus === 'expired';
    if (expired && !expiredEvent) throw new TypeError('an expired prompt is stored with its expired event');
    const { decisionTokenHash, ...rest } = prompt;
    const created: ConsentPrompt = { ...rest, ...(!expired && decisionTokenHash !== undefined ? { decisionTokenHash } : {}), status: expired ? 'expired' : 'pending' };
    this.prompts.set(prompt.promptId, created);
    this.storedAt.set(prompt.promptId, new Date());
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
      const expired = { promptId: p.promptId, requestId: p.requestId, clientId: p.clientId, sub: p.sub, expiresAt: p.expiresAt };
      this.outbox.push(expiredEvent(expired));
      return expired;
    });
  }

  async listAwaitingDelivery(now: Date, storedBefore: Date, afterId: string | undefined, limit: number) {
    return [...this.prompts.values()]
      .filter((p) => p.status === 'pending' && p.deliveryStatus === 'queued' && p.expiresAt.getTime() > now.getTime())
      .filter((p) => (this.storedAt.get(p.promptId)?.getTime() ?? 0) < storedBefore.getTime())
      .map((p) => p.promptId)
      .filter((id) => afterId === undefined || id > afterId)
      .sort()
      .slice(0, limit);
  }

  async findById(promptId: string) {
    const p = this.prompts.get(promptId);
    return p ? { ...p } : null;
  }

  async rotateTokenHash(promptId: string, hash: string) {
    const p = this.prompts.get(promptId);
    if (!p || p.status !== 'pending') return false;
    p.decisionTokenHash = hash;
    return true;
  }

  async recordAttempt(attempt: DeliveryAttempt) {
    this.attempts.push(attempt);
  }

  async markDelivered(attempt: DeliveryAttempt, _at: Date, event: OutboxRecord) {
    this.attempts.push(attempt);
    return this.settle(attempt.promptId, 'delivered', event);
  }

  async markUndeliverable(promptId: string, failure: string, event: OutboxRecord) {
    const ok = this.settle(promptId, 'undeliverable', event);
    if (ok) this.failures.set(promptId, failure);
    return ok;
  }

  async markExpired(promptId: string) {
    const p = this.prompts.get(promptId);
    if (p?.deliveryStatus === 'queued') p.deliveryStatus = 'expired';
  }

  async decide(promptId: string, status: 'approved' | 'denied', decidedAt: Date, event: OutboxRecord) {
    const p = this.prompts.get(promptId);
    if (!p || p.status !== 'pending' || p.expiresAt.getTime() <= decidedAt.getTime()) return false;
    p.status = status;
    p.decidedAt = decidedAt;
    this.outbox.push(event);
    return true;
  }

  private settle(promptId: string, to: 'delivered' | 'undeliverable', event: OutboxRecord): boolean {
    const p = this.prompts.get(promptId);
    if (!p || p.deliveryStatus !== 'queued') return false;
    p.deliveryStatus = to;
    this.outbox.push(event);
    return true;
  }
}
