import { matchesFilter, parseStages } from '../../../src/lifecycle/tail-filter.ts';
import { RequestIndex } from '../../../src/lifecycle/request-index.ts';
import type { LifecycleEvent } from '../../../src/lifecycle/lifecycle-event.ts';

const at = (stage: LifecycleEvent['stage'], more: Partial<LifecycleEvent> = {}): LifecycleEvent => ({ requestId: 'r1', stage, type: 't', topic: 'x', eventId: 'e', timeMs: 1000, fields: {}, ...more });

describe('matchesFilter', () => {
  it('--client and --user match events that do not name them through what their request said earlier', () => {
    const index = new RequestIndex();
    index.observe(at('requested', { clientId: 'c1', sub: 'alice', requestedAtMs: 1000 }));
    const offer = at('prompted');
    const facts = index.observe(offer);
    expect(matchesFilter({ clientId: 'c1' }, offer, facts)).toBe(true);
    expect(matchesFilter({ clientId: 'c2' }, offer, facts)).toBe(false);
    expect(matchesFilter({ sub: 'alice' }, offer, facts)).toBe(true);
    expect(matchesFilter({ sub: 'bob' }, offer, facts)).toBe(false);
    expect(matchesFilter({}, offer, facts)).toBe(true);
  });

  it('a request whose client the monitor has not seen does not match a --client filter', () => {
    const index = new RequestIndex();
    const offer = at('prompted', { requestId: 'unseen' });
    expect(matchesFilter({ clientId: 'c1' }, offer, index.observe(offer))).toBe(false);
  });

  it('--state keeps the named stages only', () => {
    const facts = { firstSeenMs: 0 };
    const stages = parseStages(['decided']);
    expect(matchesFilter({ stages }, at('approved'), facts)).toBe(true);
    expect(matchesFilter({ stages }, at('denied'), facts)).toBe(true);
    expect(matchesFilter({ stages }, at('requested'), facts)).toBe(false);
  });
});

describe('parseStages', () => {
  it('takes comma-separated and repeated values and aliases', () => {
    expect([...parseStages(['requested,redeemed', 'decided'])].sort()).toEqual(['approved', 'denied', 'redeemed', 'requested']);
  });

  it('refuses an unknown state, naming it and the known ones', () => {
    expect(() => parseStages(['approve'])).toThrow(/^--state: unknown state "approve" \(one of requested, prompted, .*decided/);
  });
});

describe('RequestIndex', () => {
  it('forgets the oldest requests past its capacity', () => {
    const index = new RequestIndex(2);
    for (const id of ['a', 'b', 'c']) index.observe(at('requested', { requestId: id, clientId: id }));
    expect(index.get('a')).toBeUndefined();
    expect(index.get('c')).toMatchObject({ clientId: 'c' });
  });
});
