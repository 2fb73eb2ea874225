/** A stored refresh token (`refresh_tokens`): only its SHA-256 is kept. */
export interface RefreshTokenRecord {
  tokenHash: string;
  /** Every token rotated from one issuance shares it; reuse of a rotated token revokes the family. */
  familyId: string;
  clientId: string;
  sub: string;
  /** The scope granted; every rotation keeps it (RFC 6749 §6). */
  scope: string;
  acr: string | null;
  authTime: Date;
  requestId: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  /** RFC 9449 §5: the DPoP key (JWK thumbprint) the token is bound to; null or absent: not bound. */
  dpopJkt?: string | null;
}
