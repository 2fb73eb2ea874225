import { BACKCHANNEL_AUTHENTICATION_STEPS } from '../../../../src/routes/backchannel-authentication/index.ts';

describe('BACKCHANNEL_AUTHENTICATION_STEPS', () => {
  it('runs in protocol order: body, client, grant, parameters, checks, load shedding, user, user code, prompt limits, persist, respond', () => {
    expect(BACKCHANNEL_AUTHENTICATION_STEPS.map((step) => step.name)).toEqual([
      'parseBody',
      'authenticateClient',
      'checkGrantType',
      'loadParameters',
      'checkScope',
      'checkUserHint',
      'checkBindingMessage',
      'checkRequestedExpiry',
      'checkLoad',
      'checkNotificationToken',
      'checkAcrValues',
      'resolveUser',
      'checkUserCode',
      'assignRequestId',
      'checkPromptLimits',
      'persistRequest',
      'sendResponse',
    ]);
  });
});
