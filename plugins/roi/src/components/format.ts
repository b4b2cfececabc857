import { RoiInputName, ROI_FIELDS } from '@internal/plugin-roi-common';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, decimals: number): Intl.NumberFormat {
  const key = `${currency}:${decimals}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat('en-GB', {
        style: 'currency',
        currency,
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      });
    } catch {
      f = new Intl.NumberFormat('en-GB', {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      });
    }
    cache.set(key, f);
  }
  return f;
}

/** €1,234,567 (whole units) or €1,234,567.89 with `cents`. */
export function formatMoney(
  amount: number,
  currency: string,
  cents = false,
): string {
  return formatter(currency, cents ? 2 : 0).format(amount);
}

/** Short form for chart axes: €1.2M, €350k. */
export function formatMoneyShort(amount: number, currency: string): string {
  const abs = Math.abs(amount);
  const sign = amount < 0 ? '−' : '';
  const symbol =
    formatter(currency, 0)
      .formatToParts(0)
      .find(p => p.type === 'currency')?.value ?? '';
  if (abs >= 1_000_000)
    return `${sign}${symbol}${(abs / 1_000_000).toFixed(1)}M`;
  if (abs >= 1_000) return `${sign}${symbol}${Math.round(abs / 1_000)}k`;
  return `${sign}${symbol}${Math.round(abs)}`;
}

export function formatPercent(value: number): string {
  return `${value.toLocaleString('en-GB', { maximumFractionDigits: 2 })}%`;
}

export function formatMonths(value: number | null): string {
  if (value === null) return 'no payback';
  return `${value.toLocaleString('en-GB', {
    maximumFractionDigits: 2,
  })} months`;
}

export function labelOf(name: RoiInputName | string): string {
  return ROI_FIELDS.find(f => f.name === name)?.label ?? name;
}
