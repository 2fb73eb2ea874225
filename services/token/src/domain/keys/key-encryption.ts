/**
 * The key-encryption key (KEK) that wraps private signing keys at rest: a small KMS interface, so a
 * cloud KMS or Vault's transit engine can stand in for the local implementation
 * (`adapters/kms/local-key-encryption.ts`, keys from the environment).
 */
export interface KeyEncryption {
  /** The id of the KEK new wraps use. */
  readonly currentKeyId: string;
  /** Wraps `plaintext`; the result names the KEK that wrapped it. */
  wrap(plaintext: Uint8Array): Promise<string>;
  /** Unwraps what `wrap` (of this KEK or a previous one still configured) returned; throws otherwise. */
  unwrap(wrapped: string): Promise<Uint8Array>;
  /** The id of the KEK that wrapped `wrapped`, read without unwrapping. */
  keyIdOf(wrapped: string): string;
}
