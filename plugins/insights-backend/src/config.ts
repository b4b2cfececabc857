import { Config } from '@backstage/config';
import {
  DEFAULT_DORA_THRESHOLDS,
  DEFAULT_INCIDENT_PATTERN,
  DEFAULT_PRODUCTION_PATTERN,
  DoraThresholds,
} from '@internal/plugin-insights-common';

export type InsightsConfig = {
  productionPattern: string;
  incidentPattern: string;
  thresholds: DoraThresholds;
  /** GitHub is reached through the `integrations.github` entry of `host` (a token or an app). */
  github: {
    host: string;
    /** Per-request timeout, milliseconds. */
    requestTimeoutMs: number;
    /** Owners whose repositories the backfill may read, lower case. */
    organizations: string[];
  };
  webhooks: {
    maxQueuedDeliveries: number;
    maxQueuedBytes: number;
    retentionDays: number;
  };
  backfill: {
    /** Unset: the backfill runs when the integration has credentials. */
    enabled?: boolean;
    frequencyMinutes: number;
    timeoutMinutes: number;
    initialDelaySeconds: number;
    maxIssuePagesPerRepository: number;
    retryDelayMinutes: number;
    maxRetryDelayMinutes: number;
  };
};

/** A positive number of the configuration, or the fallback; anything else fails at start-up. */
function positive(
  config: Config | undefined,
  key: string,
  fallback: number,
  { integer = true }: { integer?: boolean } = {},
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (
    !(value > 0) ||
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value))
  ) {
    throw new Error(
      `insights.${key}: must be a positive ${
        integer ? 'integer' : 'number'
      }, got ${value}`,
    );
  }
  return value;
}

function organizations(config: Config | undefined): string[] {
  const value = config?.getOptional('github.organizations');
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list) || list.some(v => typeof v !== 'string')) {
    throw new Error(
      'insights.github.organizations: a list of organisations or one comma-separated string',
    );
  }
  return [
    ...new Set(
      (list as string[])
        .map(o => o.trim().toLocaleLowerCase('en-US'))
        .filter(Boolean),
    ),
  ];
}

function num(
  config: Config | undefined,
  key: string,
  fallback: number,
): number {
  return config?.getOptionalNumber(key) ?? fallback;
}

export function readInsightsConfig(root: Config): InsightsConfig {
  const c = root.getOptionalConfig('insights');
  const t = c?.getOptionalConfig('thresholds');
  const d = DEFAULT_DORA_THRESHOLDS;
  const productionPattern =
    c?.getOptionalString('productionEnvironmentPattern') ??
    DEFAULT_PRODUCTION_PATTERN;
  const incidentPattern =
    c?.getOptionalString('incidentLabelPattern') ?? DEFAULT_INCIDENT_PATTERN;
  // Fail at start-up, not at the first event, when a pattern does not compile.
  for (const [key, pattern] of [
    ['insights.productionEnvironmentPattern', productionPattern],
    ['insights.incidentLabelPattern', incidentPattern],
  ]) {
    try {
      RegExp(pattern, 'i');
    } catch (e) {
      throw new Error(
        `${key}: not a valid regular expression (${(e as Error).message})`,
      );
    }
  }
  return {
    productionPattern,
    incidentPattern,
    thresholds: {
      deploymentFrequency: {
        eliteDeploymentsPerWeek: num(
          t,
          'deploymentFrequency.eliteDeploymentsPerWeek',
          d.deploymentFrequency.eliteDeploymentsPerWeek,
        ),
        eliteDeployDaysPerWeek: num(
          t,
          'deploymentFrequency.eliteDeployDaysPerWeek',
          d.deploymentFrequency.eliteDeployDaysPerWeek,
        ),
        highDeployDaysPerWeek: num(
          t,
          'deploymentFrequency.highDeployDaysPerWeek',
          d.deploymentFrequency.highDeployDaysPerWeek,
        ),
        mediumDeployDaysPerMonth: num(
          t,
          'deploymentFrequency.mediumDeployDaysPerMonth',
          d.deploymentFrequency.mediumDeployDaysPerMonth,
        ),
      },
      leadTimeHours: {
        elite: num(t, 'leadTimeHours.elite', d.leadTimeHours.elite),
        high: num(t, 'leadTimeHours.high', d.leadTimeHours.high),
        medium: num(t, 'leadTimeHours.medium', d.leadTimeHours.medium),
      },
      changeFailureRate: {
        elite: num(t, 'changeFailureRate.elite', d.changeFailureRate.elite),
        high: num(t, 'changeFailureRate.high', d.changeFailureRate.high),
        medium: num(t, 'changeFailureRate.medium', d.changeFailureRate.medium),
      },
      timeToRestoreHours: {
        elite: num(t, 'timeToRestoreHours.elite', d.timeToRestoreHours.elite),
        high: num(t, 'timeToRestoreHours.high', d.timeToRestoreHours.high),
        medium: num(
          t,
          'timeToRestoreHours.medium',
          d.timeToRestoreHours.medium,
        ),
      },
    },
    github: {
      host: c?.getOptionalString('github.host') ?? 'github.com',
      requestTimeoutMs: num(c, 'github.requestTimeoutMs', 30_000),
      organizations: organizations(c),
    },
    webhooks: {
      maxQueuedDeliveries: positive(c, 'webhooks.maxQueuedDeliveries', 1000),
      maxQueuedBytes: positive(c, 'webhooks.maxQueuedBytes', 64 * 1024 * 1024),
      retentionDays: positive(c, 'webhooks.retentionDays', 90, {
        integer: false,
      }),
    },
    backfill: {
      enabled: c?.getOptionalBoolean('backfill.enabled'),
      frequencyMinutes: num(c, 'backfill.frequencyMinutes', 60),
      timeoutMinutes: num(c, 'backfill.timeoutMinutes', 50),
      initialDelaySeconds: num(c, 'backfill.initialDelaySeconds', 60),
      maxIssuePagesPerRepository: positive(
        c,
        'backfill.maxIssuePagesPerRepository',
        10,
      ),
      retryDelayMinutes: positive(c, 'backfill.retryDelayMinutes', 60, {
        integer: false,
      }),
      maxRetryDelayMinutes: positive(
        c,
        'backfill.maxRetryDelayMinutes',
        10080,
        {
          integer: false,
        },
      ),
    },
  };
}
