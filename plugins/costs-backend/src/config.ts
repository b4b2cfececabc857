import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { UnitPrices } from '@internal/plugin-costs-common';

export type CostsConfig = {
  prices?: UnitPrices;
  currency: string;
  /** OpenCost base URL by cluster name. */
  opencost: Map<string, string>;
  timeoutMs: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
};

const CURRENCY = /^[A-Z]{3}$/;

function price(config: Config, key: string): number {
  const value = config.getNumber(key);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`costs.prices.${key}: must be a number of 0 or more`);
  }
  return value;
}

/** Reads `costs`; a setting that could not be right fails the start, naming the key. */
export function readCostsConfig(config: Config): CostsConfig {
  const root = config.getOptionalConfig('costs');
  const pricesConfig = root?.getOptionalConfig('prices');
  const currency = pricesConfig?.getOptionalString('currency') ?? 'EUR';
  if (!CURRENCY.test(currency)) {
    throw new Error(
      `costs.prices.currency: ${JSON.stringify(
        currency,
      )} is not an ISO 4217 code such as EUR`,
    );
  }
  const prices: UnitPrices | undefined = pricesConfig
    ? {
        cpuCoreHour: price(pricesConfig, 'cpuCoreHour'),
        memoryGiBHour: price(pricesConfig, 'memoryGiBHour'),
        storageGiBMonth: price(pricesConfig, 'storageGiBMonth'),
        currency,
      }
    : undefined;
  const opencost = new Map<string, string>();
  for (const entry of root?.getOptionalConfigArray('opencost') ?? []) {
    const cluster = entry.getString('cluster');
    const baseUrl = entry.getString('baseUrl');
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new Error(
        `costs.opencost: the baseUrl of cluster "${cluster}" is not a URL`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(
        `costs.opencost: the baseUrl of cluster "${cluster}" must be http or https`,
      );
    }
    if (opencost.has(cluster)) {
      throw new Error(`costs.opencost: cluster "${cluster}" appears twice`);
    }
    opencost.set(cluster, baseUrl.replace(/\/+$/, ''));
  }
  const timeoutMs = root?.getOptionalNumber('timeoutMs') ?? 20_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new Error('costs.timeoutMs: must be a whole number of ms above 0');
  }
  const schedule = root?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        root.getConfig('schedule'),
      )
    : {
        frequency: { hours: 1 },
        timeout: { minutes: 15 },
        initialDelay: { minutes: 2 },
      };
  return { prices, currency, opencost, timeoutMs, schedule };
}
