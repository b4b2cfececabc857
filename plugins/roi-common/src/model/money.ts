/**
 * Rounds to two decimals, half away from zero, without the binary floating-point surprises
 * of `Math.round(x * 100) / 100` (1.005 → 1.01, not 1.00). Used for every amount, percentage
 * and month count the calculator shows, in the browser and in the backend alike.
 */
export function round2(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e15) {
    return x;
  }
  const abs = Math.abs(x);
  if (abs < 1e-6) {
    return 0;
  }
  const r = Math.round(Number(`${abs}e2`));
  if (r === 0) {
    return 0;
  }
  const rounded = Number(`${r}e-2`);
  return x < 0 ? -rounded : rounded;
}
