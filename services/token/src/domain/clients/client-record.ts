import type { ClientRegistrationResponse } from '@ciba/contracts/api/registration';

/** The registered metadata of a client, defaults applied (what `/register` answered, minus identifiers). */
export type ClientMetadata = Omit<ClientRegistrationResponse, 'client_id' | 'client_secret' | 'client_id_issued_at' | 'client_secret_expires_at'>;

/** A registered client as stored. Clients are immutable once registered. */
export interface ClientRecord {
  clientId: string;
  /** SHA-256 (base64url) of the secret, for the secret-based methods; null for `private_key_jwt`. */
  clientSecretHash: string | null;
  /** `client_secret_jwt` clients only: the secret sealed with `CLIENT_SECRET_ENCRYPTION_KEY` (see `clientSecretCipher`). */
  clientSecretSealed?: string | null;
  metadata: ClientMetadata;
  issuedAt: Date;
}
