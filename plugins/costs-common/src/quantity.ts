/**
 * Kubernetes resource quantities (`500m`, `1.5`, `512Mi`, `2G`, `1e3`) as plain numbers: CPU in
 * cores, memory and storage in bytes. The suffixes are those of the API server's
 * `resource.Quantity`: binary `Ki Mi Gi Ti Pi Ei`, decimal `n u m k M G T P E`, and an
 * exponent `e<n>`/`E<n>`.
 */

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY =
  /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/**
 * The value of a quantity, or undefined when it is not one (or is negative: a request
 * cannot be). `1Gi` is 1073741824, `250m` is 0.25, `1e3` is 1000.
 */
export function parseQuantity(quantity: string | number): number | undefined {
  if (typeof quantity === 'number') {
    return Number.isFinite(quantity) && quantity >= 0 ? quantity : undefined;
  }
  const match = QUANTITY.exec(quantity.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  const suffix = match[2] ?? '';
  let factor: number;
  if (suffix in BINARY) factor = BINARY[suffix];
  else if (suffix in DECIMAL) factor = DECIMAL[suffix];
  else factor = 10 ** Number(suffix.slice(1));
  const value = number * factor;
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Bytes in a GiB, the unit memory and storage are priced in. */
export const BYTES_PER_GIB = 2 ** 30;
