/** What this deployment can offer a client, from its configuration; registration refuses the rest. */
export interface RegistrationCapabilities {
  /** mTLS is configured (`MTLS_CLIENT_CERT_HEADER`): the tls_* methods and certificate-bound tokens. */
  mtls: boolean;
  /** `CLIENT_SECRET_ENCRYPTION_KEY` is configured: `client_secret_jwt`. */
  clientSecretJwt: boolean;
}
