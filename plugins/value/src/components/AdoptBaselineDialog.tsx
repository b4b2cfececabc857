import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Text,
  TextField,
} from '@backstage/ui';
import {
  RoiScenarioSummary,
  SEED_AVERAGE_INCIDENT_COST_EUR,
} from '@internal/plugin-roi-common';
import {
  AdoptBaselineRequest,
  isCalendarDate,
} from '@internal/plugin-value-common';
import { useState } from 'react';

/** The first day of the current calendar quarter (UTC): where the survey's quarters begin. */
function currentQuarterStart(now: Date): string {
  const month = Math.floor(now.getUTCMonth() / 3) * 3 + 1;
  return `${now.getUTCFullYear()}-${String(month).padStart(2, '0')}-01`;
}

/** The form as the request, or what is wrong with it (the backend checks it again). */
export function adoptionFromForm(form: {
  scope: string;
  scenarioId: string;
  startDate: string;
  costPerIncident: string;
}): { request: AdoptBaselineRequest } | { problem: string } {
  if (!form.scenarioId) return { problem: 'Choose a saved scenario.' };
  if (!isCalendarDate(form.startDate)) {
    return { problem: 'Start date: a date that exists, as YYYY-MM-DD.' };
  }
  const cost = Number(form.costPerIncident.replace(/[\s,]/g, ''));
  if (!form.costPerIncident.trim() || !Number.isFinite(cost) || cost <= 0) {
    return { problem: 'Cost per incident: an amount above 0.' };
  }
  return {
    request: {
      scope: form.scope,
      scenarioId: form.scenarioId,
      startDate: form.startDate,
      costPerIncident: cost,
    },
  };
}

/** Adopt a saved ROI scenario as the scope's baseline from a start date. */
export function AdoptBaselineDialog(props: {
  scope: string;
  scopeLabel: string;
  scenarios: RoiScenarioSummary[];
  isOpen: boolean;
  error?: string;
  onClose: () => void;
  onAdopt: (request: AdoptBaselineRequest) => void;
}) {
  const [chosen, setScenarioId] = useState('');
  // the latest scenario until one is chosen
  const scenarioId = chosen || props.scenarios[0]?.id || '';
  const [startDate, setStartDate] = useState(() =>
    currentQuarterStart(new Date()),
  );
  const [costPerIncident, setCost] = useState(
    String(SEED_AVERAGE_INCIDENT_COST_EUR),
  );
  const result = adoptionFromForm({
    scope: props.scope,
    scenarioId,
    startDate,
    costPerIncident,
  });
  return (
    <Dialog
      isOpen={props.isOpen}
      onOpenChange={open => {
        if (!open) props.onClose();
      }}
    >
      <DialogHeader>Adopt a business case for {props.scopeLabel}</DialogHeader>
      <DialogBody>
        {props.scenarios.length === 0 ? (
          <Text as="p">
            No saved scenario you may read: save one in the ROI calculator
            first.
          </Text>
        ) : (
          <label>
            <Text variant="body-medium">Saved scenario </Text>
            <select
              aria-label="Saved scenario"
              value={scenarioId}
              onChange={e => setScenarioId(e.target.value)}
            >
              {props.scenarios.map(s => (
                <option key={s.id} value={s.id}>
                  {s.name} (version {s.version}, ROI {s.roiPercent}%)
                </option>
              ))}
            </select>
          </label>
        )}
        <TextField
          label="Start date"
          description="YYYY-MM-DD. Quarters are counted from it; start on 1 January, April, July or October to read the survey's quarters."
          value={startDate}
          onChange={setStartDate}
        />
        <TextField
          label="Cost per incident"
          description={`In the scenario's currency. Seed 000: 65% of European organisations estimate an incident at €${SEED_AVERAGE_INCIDENT_COST_EUR.toLocaleString(
            'en-GB',
          )}.`}
          value={costPerIncident}
          onChange={setCost}
        />
        {'problem' in result && props.scenarios.length > 0 && (
          <Text as="p" color="danger">
            {result.problem}
          </Text>
        )}
        {props.error && (
          <Alert status="danger" role="alert" title={props.error} />
        )}
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={props.onClose}>
          Cancel
        </Button>
        <Button
          isDisabled={!('request' in result)}
          onPress={() => {
            if ('request' in result) props.onAdopt(result.request);
          }}
        >
          Adopt
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
