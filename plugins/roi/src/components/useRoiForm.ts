import { useCallback, useMemo, useState } from 'react';
import {
  calculateRoi,
  FieldError,
  ROI_FIELDS,
  RoiInputName,
  RoiInputs,
  RoiPreset,
  RoiPresetField,
  RoiResult,
  validateRoiInputs,
} from '@internal/plugin-roi-common';

/** What the user typed, field by field (kept as text so that typing is never blocked). */
export type RoiFormValues = Record<RoiInputName, string>;

/**
 * Example starting values, built from the seed's references: 20 developers at a loaded
 * €75,000 a year (an example salary to replace), 2 incidents × €115,000, development
 * infrastructure for 20 developers (2 × €55,000) + one medium product's run (€168,000);
 * the impact of the "expected" preset.
 */
export const EXAMPLE_INPUTS: RoiInputs = {
  periodMonths: 12,
  currency: 'EUR',
  devCosts: 1_500_000,
  incidentCosts: 230_000,
  infraCosts: 278_000,
  designCosts: 250_000,
  addLicenceCosts: 50_000,
  trainingCosts: 30_000,
  improvedProductivityPct: 20,
  improvedIncidentsCostsPct: 30,
  improvedResourcesPct: 22.5,
  ttmReductionGain: 0,
  rampUpMonths: 6,
  recurringYearlyCosts: 0,
};

export function toFormValues(inputs: RoiInputs): RoiFormValues {
  const values = {} as RoiFormValues;
  for (const field of ROI_FIELDS) {
    values[field.name] = String(inputs[field.name]);
  }
  return values;
}

/** Text to the body the API takes: empty fields are left out, numbers parsed. */
export function toRawInputs(values: RoiFormValues): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const field of ROI_FIELDS) {
    const text = values[field.name].trim();
    if (text === '') continue;
    raw[field.name] =
      field.kind === 'currency' ? text : Number(text.replace(/[\s,_]/g, ''));
  }
  return raw;
}

export type RoiFormState = {
  values: RoiFormValues;
  setValue: (name: RoiInputName, value: string) => void;
  setAll: (inputs: RoiInputs) => void;
  applyPresetValues: (preset: RoiPreset) => void;
  /** The preset whose value each field still holds, for showing its source. */
  presetOf: Partial<Record<RoiPresetField, RoiPreset>>;
  errors: Partial<Record<string, string>>;
  allErrors: FieldError[];
  inputs?: RoiInputs;
  result?: RoiResult;
};

/** The calculator's form: values, validation and the live result (pure, in the browser). */
export function useRoiForm(initial: RoiInputs = EXAMPLE_INPUTS): RoiFormState {
  const [values, setValues] = useState<RoiFormValues>(() =>
    toFormValues(initial),
  );
  const [preset, setPreset] = useState<RoiPreset | undefined>();

  const setValue = useCallback((name: RoiInputName, value: string) => {
    setValues(v => ({ ...v, [name]: value }));
  }, []);
  const setAll = useCallback((inputs: RoiInputs) => {
    setValues(toFormValues(inputs));
    setPreset(undefined);
  }, []);
  const applyPresetValues = useCallback((p: RoiPreset) => {
    setValues(v => {
      const next = { ...v };
      for (const [field, { value }] of Object.entries(p.values)) {
        next[field as RoiPresetField] = String(value);
      }
      return next;
    });
    setPreset(p);
  }, []);

  const validation = useMemo(
    () => validateRoiInputs(toRawInputs(values)),
    [values],
  );
  const result = useMemo(
    () => (validation.ok ? calculateRoi(validation.inputs) : undefined),
    [validation],
  );

  const presetOf = useMemo(() => {
    const out: Partial<Record<RoiPresetField, RoiPreset>> = {};
    if (!preset) return out;
    for (const [field, { value }] of Object.entries(preset.values)) {
      if (Number(values[field as RoiPresetField]) === value) {
        out[field as RoiPresetField] = preset;
      }
    }
    return out;
  }, [preset, values]);

  const allErrors = validation.ok ? [] : validation.errors;
  const errors: Partial<Record<string, string>> = {};
  for (const e of allErrors) {
    errors[e.field] = errors[e.field] ?? e.message;
  }

  return {
    values,
    setValue,
    setAll,
    applyPresetValues,
    presetOf,
    errors,
    allErrors,
    inputs: validation.ok ? validation.inputs : undefined,
    result,
  };
}
