import { DoraCategory, KpiValue } from '@internal/plugin-insights-common';

export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}

export function formatPercent(fraction: number | null): string {
  return fraction === null ? '—' : `${(fraction * 100).toFixed(1)}%`;
}

export function formatKpi(kpi: KpiValue): string {
  if (kpi.value === null) return '—';
  if (kpi.unit === 'fraction') return formatPercent(kpi.value);
  if (kpi.unit === 'hours') return formatHours(kpi.value);
  return kpi.value.toFixed(1);
}

export const bandLabel: Record<DoraCategory, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const bandColor: Record<DoraCategory, string> = {
  elite: '#1b5e20',
  high: '#2e7d32',
  medium: '#ef6c00',
  low: '#c62828',
};

/** The last `count` quarters (UTC), newest first, as `[label, from, to]`. */
export function recentQuarters(now: Date, count: number) {
  const result: Array<{ id: string; from: string; to: string }> = [];
  let year = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3);
  for (let i = 0; i < count; i++) {
    const from = new Date(Date.UTC(year, q * 3, 1));
    const to = new Date(Date.UTC(year, q * 3 + 3, 1));
    result.push({
      id: `${year}-Q${q + 1}`,
      from: from.toISOString().slice(0, 10),
      to: to.toISOString().slice(0, 10),
    });
    q -= 1;
    if (q < 0) {
      q = 3;
      year -= 1;
    }
  }
  return result;
}
