import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { loadServiceAccount } from '../../../src/fcm/load-service-account.ts';
import { serviceAccountFixture } from '../../support/service-account-fixture.ts';

describe('loadServiceAccount (FCM_SERVICE_ACCOUNT_JSON)', () => {
  const fixture = serviceAccountFixture('https://oauth2.googleapis.com/token');

  it('takes the key file JSON itself, ignoring the fields FCM does not need', () => {
    expect(loadServiceAccount(fixture.json)).toEqual(fixture.account);
  });

  it('takes the path of the key file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'push-sa-'));
    try {
      writeFileSync(join(dir, 'sa.json'), fixture.json);
      expect(loadServiceAccount(join(dir, 'sa.json'))).toEqual(fixture.account);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('token_uri defaults to Google', () => {
    const { token_uri: _dropped, ...rest } = fixture.account;
    expect(loadServiceAccount(JSON.stringify(rest)).token_uri).toBe('https://oauth2.googleapis.com/token');
  });

  it.each([
    ['/nonexistent/sa.json', 'cannot read the service-account file'],
    ['{not json', 'expected the service-account JSON or the path of its file'],
    [JSON.stringify({ ...fixture.account, client_email: undefined }), 'client_email: Invalid input: expected string, received undefined'],
    [JSON.stringify({ ...fixture.account, private_key: 'secret-key-text' }), 'private_key: expected a PKCS #8 PEM private key'],
    [JSON.stringify({ ...fixture.account, project_id: 'Bad Project' }), 'project_id: expected a Google Cloud project id'],
  ])('%s is refused: %s', (value, message) => {
    expect(() => loadServiceAccount(value)).toThrow(message);
  });

  it('an EC key is refused (RS256 needs RSA), and the message does not echo the key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    let message = '';
    try {
      loadServiceAccount(JSON.stringify({ ...fixture.account, private_key: ec }));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe('private_key: expected an RSA private key');
  });
});
