/** Why a `requested_expiry` was refused. */
export type RequestedExpiryProblem = 'not_positive_integer' | 'out_of_range';

/**
 * Reads `requested_expiry` (CIBA Core §7.1): a positive integer, as a JSON number or a decimal
 * string, within `[min, max]` seconds. Returns the seconds or the problem.
 */
export function parseRequestedExpiry(value: string | number, min: number, max: number): number | RequestedExpiryProblem {
  let seconds: number;
  if (typeof value === 'number') seconds = value;
  else if (/^[0-9]+$/.test(value)) seconds = Number(value);
  else return 'not_positive_integer';
  if (!Number.isInteger(seconds) || seconds <= 0) return 'not_positive_integer';
  if (seconds < min || seconds > max) return 'out_of_range';
  return seconds;
}
