import type { ClientView } from '@ciba/contracts';
import { idTokenAlg } from '../../../../src/domain/tokens/id-token-alg.ts';

const client = (alg: string) => ({ client_id: 'rp-1', id_token_signed_response_alg: alg }) as ClientView;

describe('idTokenAlg', () => {
  it('answers the registered algorithm, RS256 when empty', () => {
    expect(idTokenAlg(client('ES256'))).toBe('ES256');
    expect(idTokenAlg(client('PS256'))).toBe('PS256');
    expect(idTokenAlg(client(''))).toBe('RS256');
  });

  it('refuses an algorithm we do not sign with instead of downgrading', () => {
    expect(() => idTokenAlg(client('none'))).toThrow('client rp-1 has an unsupported id_token_signed_response_alg');
  });
});
