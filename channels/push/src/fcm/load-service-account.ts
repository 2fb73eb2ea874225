import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { serviceAccount, type ServiceAccount } from './service-account.ts';

/**
 * Reads `FCM_SERVICE_ACCOUNT_JSON`: the key file's JSON itself, or the path of the file. Throws an
 * Error whose message names what is wrong but never echoes the key.
 */
export function loadServiceAccount(value: string): ServiceAccount {
  const text = value.trimStart().startsWith('{') ? value : readKeyFile(value);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('expected the service-account JSON or the path of its file');
  }
  const parsed = serviceAccount.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  try {
    const key = createPrivateKey(parsed.data.private_key);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not rsa');
  } catch {
    throw new Error('private_key: expected an RSA private key');
  }
  return parsed.data;
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error('cannot read the service-account file');
  }
}
