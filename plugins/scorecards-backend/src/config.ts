import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { DEFAULT_LEVELS } from '@internal/plugin-scorecards-common';
import fs from 'fs/promises';
import path from 'path';
import {
  CheckDefinition,
  CheckDefinitionError,
  parseCheckFiles,
} from '@internal/plugin-scorecards-common';

export type ScorecardsConfig = {
  checksDirectory: string;
  levels: string[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  githubHost: string;
  /** How long a webhook-driven collection waits for more deliveries of the same burst. */
  githubWebhookDelayMs: number;
};

const LEVEL_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

export function readScorecardsConfig(config: Config): ScorecardsConfig {
  const levels = config.getOptionalStringArray('scorecards.levels') ?? [
    ...DEFAULT_LEVELS,
  ];
  if (
    levels.length === 0 ||
    new Set(levels).size !== levels.length ||
    !levels.every(l => LEVEL_PATTERN.test(l))
  ) {
    throw new Error(
      `scorecards.levels: must be distinct lower-case names (${LEVEL_PATTERN}), lowest first; got ${JSON.stringify(
        levels,
      )}`,
    );
  }
  const schedule = config.has('scorecards.schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('scorecards.schedule'),
      )
    : {
        frequency: { hours: 1 },
        timeout: { minutes: 30 },
        initialDelay: { minutes: 1 },
      };
  return {
    checksDirectory: path.resolve(
      config.getOptionalString('scorecards.checksDirectory') ??
        '../../scorecards/checks',
    ),
    levels,
    schedule,
    githubHost:
      config.getOptionalString('scorecards.github.host') ?? 'github.com',
    githubWebhookDelayMs: webhookDelaySeconds(config) * 1000,
  };
}

function webhookDelaySeconds(config: Config): number {
  const seconds =
    config.getOptionalNumber('scorecards.github.webhookDelaySeconds') ?? 10;
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 600) {
    throw new Error(
      `scorecards.github.webhookDelaySeconds: must be between 0 and 600; got ${seconds}`,
    );
  }
  return seconds;
}

/**
 * Reads every `*.yaml` / `*.yml` file of the directory (not its subdirectories) and parses them
 * together; throws {@link CheckDefinitionError} naming the file, line and reason of every
 * problem, so the backend does not start with a half-read set of checks.
 */
export async function loadCheckDefinitions(
  directory: string,
  levels: readonly string[],
): Promise<CheckDefinition[]> {
  let names: string[];
  try {
    names = await fs.readdir(directory);
  } catch (error) {
    throw new CheckDefinitionError([
      {
        file: directory,
        line: 0,
        reason: `cannot read the checks directory (${
          (error as Error).message
        })`,
      },
    ]);
  }
  const files = await Promise.all(
    names
      .filter(name => /\.ya?ml$/.test(name))
      .sort()
      .map(async name => ({
        file: path.join(directory, name),
        text: await fs.readFile(path.join(directory, name), 'utf8'),
      })),
  );
  return parseCheckFiles(files, levels);
}
