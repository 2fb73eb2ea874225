import { TOPICS, channelOffersTopic } from '@ciba/contracts';
import { requestIdAttribute } from '../../../src/tracing/request-id-attribute.ts';

describe('requestIdAttribute', () => {
  test.each([TOPICS.authRequests, TOPICS.consentDecisions, TOPICS.tokens, TOPICS.clientNotifications, TOPICS.channelOutcomes, channelOffersTopic('webhook')])('%s is keyed by the request id: recorded', (topic) => {
    expect(requestIdAttribute(topic, 'r-1')).toEqual({ 'ciba.request_id': 'r-1' });
  });

  test.each([TOPICS.adminChanges, TOPICS.deadLetters])("%s is keyed by something else (a user's sub): not recorded", (topic) => {
    expect(requestIdAttribute(topic, 'alice')).toEqual({});
  });
});
