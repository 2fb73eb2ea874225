import { median } from './median.ts';

export interface Spread {
  min: number;
  max: number;
  /** (max - min) / median, as a fraction; 0 for a single value, NaN when the median is 0 or the list empty. */
  relative: number;
}

/** How far the rounds of one measurement lie apart: their range, and that range relative to the median. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { min: Number.NaN, max: Number.NaN, relative: Number.NaN };
  const min = Math.min(...values);
  const max = Math.max(...values);
  const mid = median(values);
  return { min, max, relative: mid === 0 ? Number.NaN : (max - min) / Math.abs(mid) };
}
