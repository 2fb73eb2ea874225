import { z } from 'zod';

/** An empty variable counts as unset, so its default applies. */
export const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

/**
 * A whole number of `unit` within [min, max], `fallback` when unset; its errors name the unit
 * (e.g. `must be at most 60000 milliseconds`), so the one-line config error is self-explaining.
 */
export const wholeNumber = (unit: string, fallback: number, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: `expected a number of ${unit}` })
      .int(`expected a whole number of ${unit}`)
      .min(min, `must be at least ${min} ${unit}`)
      .max(max, `must be at most ${max} ${unit}`)
      .default(fallback),
  );

/** Like `wholeNumber`, but undefined when unset: the caller settles a default that depends on other settings. */
export const optionalWholeNumber = (unit: string, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: `expected a number of ${unit}` })
      .int(`expected a whole number of ${unit}`)
      .min(min, `must be at least ${min} ${unit}`)
      .max(max, `must be at most ${max} ${unit}`)
      .optional(),
  );
