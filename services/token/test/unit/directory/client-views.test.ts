import { clientViews } from '../../../src/directory/client-views.ts';
import type { ClientRecord } from '../../../src/domain/clients/client-record.ts';
import { toClientView } from '../../../src/domain/clients/to-client-view.ts';

const record = (clientId: string): ClientRecord => ({
  clientId,
  clientSecretHash: 'hash',
  issuedAt: new Date(0),
  metadata: {
    client_name: 'RP',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['urn:openid:params:grant-type:ciba'],
    backchannel_token_delivery_mode: 'poll',
    backchannel_user_code_parameter: false,
    id_token_signed_response_alg: 'RS256',
  },
});

describe('clientViews', () => {
  it('answers toClientView of the record, built once per record', () => {
    const viewOf = clientViews();
    const a = record('a');
    const view = viewOf(a);
    expect(view).toEqual(toClientView(a));
    expect(viewOf(a)).toBe(view);
    expect(viewOf(record('a'))).not.toBe(view);
  });

  it('answers a frozen view, so no caller can change what the next one gets', () => {
    const view = clientViews()(record('a'));
    expect(Object.isFrozen(view)).toBe(true);
    expect(Object.isFrozen(view.grant_types)).toBe(true);
    expect(() => (view.grant_types as string[]).push('refresh_token')).toThrow(TypeError);
  });
});
