/** What the standard OpenID Connect scopes ask for, in words (OpenID Connect Core §5.4, §11). */
const LABELS: Record<string, string> = {
  openid: 'Sign you in',
  profile: 'Your basic profile (name, picture, locale)',
  email: 'Your email address',
  phone: 'Your phone number',
  address: 'Your postal address',
  offline_access: 'Keep access while you are away (offline access)',
};

/** The requested scopes as the user reads them: a known scope in words, any other by its name. */
export function scopeLabels(scope: string): string[] {
  return scope
    .split(' ')
    .filter(Boolean)
    .map((s) => LABELS[s] ?? s);
}
