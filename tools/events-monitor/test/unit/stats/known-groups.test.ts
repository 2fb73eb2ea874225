import { TOPICS } from '@ciba/contracts';
import { PROMPT_LIMITS_GROUP } from '../../../../../services/auth-endpoint/src/handlers/decision-consumer.ts';
import { OUTCOMES_GROUP } from '../../../../../services/consent-dispatcher/src/handlers/outcome-consumer.ts';
import { PROMPTS_GROUP } from '../../../../../services/consent-dispatcher/src/handlers/prompt-consumer.ts';
import { NOTIFICATIONS_GROUP } from '../../../../../services/notifier/src/handlers/decision-consumer.ts';
import { CIBA_GRANTS_GROUP } from '../../../../../services/token/src/handlers/consumer-group.ts';
import { CIBA_GRANT_TOPICS } from '../../../../../services/token/src/handlers/ciba-grant-events.ts';
import { AUDIT_GROUP, AUDITED_TOPICS } from '../../../../../services/audit/src/handlers/record-event.ts';
import { knownGroups, SERVICE_GROUPS } from '../../../src/stats/known-groups.ts';

describe('SERVICE_GROUPS', () => {
  it('are the services\' own group names and topics', () => {
    expect(SERVICE_GROUPS).toEqual([
      { group: PROMPT_LIMITS_GROUP, topics: [TOPICS.consentDecisions] },
      { group: PROMPTS_GROUP, topics: [TOPICS.authRequests] },
      { group: OUTCOMES_GROUP, topics: [TOPICS.channelOutcomes] },
      { group: CIBA_GRANTS_GROUP, topics: [...CIBA_GRANT_TOPICS] },
      { group: NOTIFICATIONS_GROUP, topics: [TOPICS.consentDecisions] },
      { group: AUDIT_GROUP, topics: AUDITED_TOPICS },
    ]);
  });
});

describe('knownGroups', () => {
  it('adds channel.<channel> for each channel offers topic', () => {
    const groups = knownGroups([...Object.values(TOPICS), 'ciba.channel-offers.chat', 'ciba.channel-offers.webhook']);
    expect(groups.slice(SERVICE_GROUPS.length)).toEqual([
      { group: 'channel.chat', topics: ['ciba.channel-offers.chat'] },
      { group: 'channel.webhook', topics: ['ciba.channel-offers.webhook'] },
    ]);
  });
});
