import { createHash } from 'node:crypto';
import { issueAuthReqId } from '../../../src/domain/issue-auth-req-id.ts';

describe('issueAuthReqId', () => {
  it('issues 256 random bits as base64url and their SHA-256', () => {
    const { authReqId, authReqIdHash } = issueAuthReqId();
    expect(authReqId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(authReqId, 'base64url')).toHaveLength(32);
    expect(authReqIdHash).toBe(createHash('sha256').update(authReqId).digest('base64url'));
  });

  it('never repeats', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => issueAuthReqId().authReqId));
    expect(ids.size).toBe(1000);
  });
});
