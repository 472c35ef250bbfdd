/**
 * The largest of `values`, or `floor` when none is larger. `Math.max(...values)` passes every value
 * as an argument and overflows the call stack on stores of a few hundred thousand records.
 */
export function largest(floor: number, values: Iterable<number>): number {
  let max = floor;
  for (const value of values) if (value > max) max = value;
  return max;
}
