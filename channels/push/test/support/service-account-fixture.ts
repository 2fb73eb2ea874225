import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { ServiceAccount } from '../../src/fcm/service-account.ts';

export interface ServiceAccountFixture {
  account: ServiceAccount;
  /** The key file as Google hands it out (JSON text). */
  json: string;
  /** What Google keeps: the public half, to verify the account's assertions. */
  publicKey: KeyObject;
}

/** A service account as the Firebase console creates one, with a fresh RSA key and `token_uri` pointing where told. */
export function serviceAccountFixture(tokenUri: string, projectId = 'ciba-push-test'): ServiceAccountFixture {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const account = {
    type: 'service_account' as const,
    project_id: projectId,
    private_key_id: 'k3y-1d',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: `firebase-adminsdk@${projectId}.iam.gserviceaccount.com`,
    token_uri: tokenUri,
  };
  return { account, json: JSON.stringify({ ...account, client_id: '1234567890', auth_uri: 'https://accounts.google.com/o/oauth2/auth' }), publicKey };
}
