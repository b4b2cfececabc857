import { Config, readDurationFromConfig } from '@backstage/config';

const MS_PER_UNIT: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/**
 * A duration key in milliseconds: a number of milliseconds (as Backstage reads
 * `backend.server.*`), or a duration (`'90s'`, `'PT1M'`, `{ minutes: 1 }`) of fixed-length
 * units; months and years are refused.
 */
export function readDurationMs(config: Config, key: string): number {
  const value = config.get(key);
  if (typeof value === 'number') return value;
  const duration = readDurationFromConfig(config, { key });
  return Object.entries(duration).reduce((total, [unit, amount]) => {
    const factor = MS_PER_UNIT[unit];
    if (!factor) {
      throw new Error(`${key}: use ${Object.keys(MS_PER_UNIT).join(', ')}`);
    }
    return total + factor * (amount ?? 0);
  }, 0);
}
