import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import {
  Baseline,
  buildQuarterReport,
  quarterAfter,
  quartersStarted,
} from '@internal/plugin-value-common';
import { BaselineRecord, BaselineStore } from '../../database/BaselineStore';
import { MeasurementService } from '../Measurements/types';
import { ScenarioReader } from '../Scenarios/createScenarioReader';
import { ValueService } from './types';

/** Adoptions listed with a scope's baseline. */
const HISTORY_LIMIT = 20;

export function createValueService(options: {
  store: BaselineStore;
  scenarios: ScenarioReader;
  measurements: MeasurementService;
  now?: () => Date;
}): ValueService {
  const { store, scenarios, measurements } = options;
  const now = options.now ?? (() => new Date());

  const withQuarters = (record: BaselineRecord): Baseline => ({
    ...record,
    quartersStarted: quartersStarted(record.startDate, now()),
  });

  return {
    async getBaseline(scope, { canAdopt }) {
      const [current, history] = await Promise.all([
        store.current(scope),
        store.history(scope, HISTORY_LIMIT),
      ]);
      return {
        scope,
        baseline: current ? withQuarters(current) : null,
        history,
        canAdopt,
      };
    },

    async adopt(request, { credentials, userEntityRef }) {
      const scenario = await scenarios
        .read(request.scenarioId, { credentials })
        .catch(error => {
          if (error instanceof ResponseError) {
            if (error.statusCode === 404) {
              throw new NotFoundError(
                `scenarioId: no saved ROI scenario ${request.scenarioId} that you may read`,
              );
            }
            if (error.statusCode === 403) {
              throw new NotAllowedError(
                `scenarioId: you may not read the ROI scenario ${request.scenarioId}`,
              );
            }
          }
          throw error;
        });
      const saved = await store.adopt(
        {
          scope: request.scope,
          scenarioId: scenario.id,
          scenarioName: scenario.name,
          scenarioVersion: scenario.version,
          currency: scenario.inputs.currency,
          inputs: scenario.inputs,
          startDate: request.startDate,
          costPerIncident: request.costPerIncident,
          adoptedBy: userEntityRef,
        },
        now(),
      );
      return withQuarters(saved);
    },

    async report(scope, index, { credentials }) {
      const record = await store.current(scope);
      if (!record) {
        throw new NotFoundError(
          `scope: ${scope} has no baseline; adopt a saved ROI scenario first`,
        );
      }
      const baseline = withQuarters(record);
      if (index > baseline.quartersStarted) {
        throw new InputError(
          `quarter: quarter ${index} after ${baseline.startDate} starts on ${
            quarterAfter(baseline.startDate, index).from
          }; ${baseline.quartersStarted} quarters have started`,
        );
      }
      const at = now();
      return buildQuarterReport({
        baseline,
        index,
        now: at,
        measurements: await measurements.measure(baseline, index, at, {
          credentials,
        }),
      });
    },
  };
}
