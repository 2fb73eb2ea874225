import type { OutboxRecord } from '@ciba/event-bus';
import type { ConsentPrompt } from '../../src/domain/consent-prompt.ts';
import type { DeliveryAttempt, PromptStore } from '../../src/domain/prompt-store.ts';

/** An in-memory PromptStore with the same conditional transitions, for unit tests. */
export class MemoryPromptStore implements PromptStore {
  readonly prompts = new Map<string, ConsentPrompt>();
  readonly processed = new Set<string>();
  readonly attempts: DeliveryAttempt[] = [];
  readonly outbox: OutboxRecord[] = [];
  readonly failures = new Map<string, string>();

  async recordCreated(group: string, eventId: string, prompt: Parameters<PromptStore['recordCreated']>[2]) {
    this.processed.add(`${group}/${eventId}`);
    const existing = [...this.prompts.values()].find((p) => p.requestId === prompt.requestId);
    if (existing) return { ...existing };
    const created: ConsentPrompt = { ...prompt, status: 'pending' };
    this.prompts.set(prompt.promptId, created);
    return { ...created };
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

  async markDelivered(promptId: string, _at: Date, event: OutboxRecord) {
    return this.settle(promptId, 'delivered', event);
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
