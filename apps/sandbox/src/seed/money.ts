/** Cents as a number of major units (`8450` → `84.5`). */
export function centsToMajor(cents: number): number {
  return Math.round(cents) / 100;
}

/** Major units as whole cents, free of binary floating-point noise. */
export function majorToCents(amount: number): number {
  return Math.round(amount * 100);
}

/** Cents as a two-decimal string (`8450` → `"84.50"`), as WooCommerce writes amounts. */
export function centsToFixed(cents: number): string {
  return (Math.round(cents) / 100).toFixed(2);
}
