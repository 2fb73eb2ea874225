import { judgeDecision } from '../../../src/domain/judge-decision.ts';

const now = new Date('2026-11-22T10:00:00Z');
const later = new Date('2026-11-22T10:05:00Z');
const earlier = new Date('2026-11-22T09:55:00Z');

describe('judgeDecision', () => {
  it('records the first decision on a pending prompt', () => {
    expect(judgeDecision({ status: 'pending', expiresAt: later }, 'approve', now)).toEqual({ kind: 'record', status: 'approved' });
    expect(judgeDecision({ status: 'pending', expiresAt: later }, 'deny', now)).toEqual({ kind: 'record', status: 'denied' });
  });

  it('repeats the same decision (idempotent)', () => {
    expect(judgeDecision({ status: 'approved', expiresAt: later }, 'approve', now)).toEqual({ kind: 'repeat', status: 'approved' });
    expect(judgeDecision({ status: 'denied', expiresAt: later }, 'deny', now)).toEqual({ kind: 'repeat', status: 'denied' });
  });

  it('refuses a different decision with the recorded status', () => {
    expect(judgeDecision({ status: 'approved', expiresAt: later }, 'deny', now)).toEqual({ kind: 'conflict', status: 'approved' });
    expect(judgeDecision({ status: 'denied', expiresAt: later }, 'approve', now)).toEqual({ kind: 'conflict', status: 'denied' });
  });

  it('refuses an undecided prompt once the request expired, from expires_at on', () => {
    expect(judgeDecision({ status: 'pending', expiresAt: earlier }, 'approve', now)).toEqual({ kind: 'expired' });
    expect(judgeDecision({ status: 'pending', expiresAt: now }, 'approve', now)).toEqual({ kind: 'expired' });
  });

  it('refuses a prompt the sweeper expired, whatever the clock says', () => {
    expect(judgeDecision({ status: 'expired', expiresAt: earlier }, 'approve', now)).toEqual({ kind: 'expired' });
    expect(judgeDecision({ status: 'expired', expiresAt: later }, 'deny', now)).toEqual({ kind: 'expired' });
  });

  it('still answers a decided prompt after expiry', () => {
    expect(judgeDecision({ status: 'approved', expiresAt: earlier }, 'approve', now)).toEqual({ kind: 'repeat', status: 'approved' });
    expect(judgeDecision({ status: 'approved', expiresAt: earlier }, 'deny', now)).toEqual({ kind: 'conflict', status: 'approved' });
  });
});
