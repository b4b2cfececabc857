import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Text,
  TextField,
} from '@backstage/ui';
import {
  Initiative,
  InitiativeInput,
  validateInitiativeInput,
} from '@internal/plugin-scorecards-common';
import { useState } from 'react';

export type InitiativeForm = {
  title: string;
  description: string;
  ownerRef: string;
  /** Comma-separated, as typed. */
  lifecycles: string;
  types: string;
  targetLevel: string;
  /** Percent, as typed. */
  targetPercent: string;
  startsOn: string;
  deadlineOn: string;
};

function list(value: string): string[] {
  return value
    .split(',')
    .map(item => item.trim())
    .filter(Boolean);
}

function day(label: string, value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    return `${label} as a date: YYYY-MM-DD.`;
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (
    !Number.isFinite(ms) ||
    new Date(ms).toISOString().slice(0, 10) !== value
  ) {
    return `${label}: that date does not exist.`;
  }
  return undefined;
}

/**
 * The form as the backend's input, or what is wrong with it: the form's own checks (dates as
 * typed, a percentage) and then the same validation the backend runs.
 */
export function initiativeFromForm(
  form: InitiativeForm,
  levels: readonly string[],
): { input: InitiativeInput } | { problem: string } {
  const problem =
    day('Start', form.startsOn) ?? day('Deadline', form.deadlineOn);
  if (problem) return { problem };
  if (!/^\d+(\.\d+)?$/.test(form.targetPercent.trim())) {
    return { problem: 'The target as a percentage, e.g. 80.' };
  }
  const input: InitiativeInput = {
    title: form.title,
    description: form.description,
    ownerRef: form.ownerRef.trim(),
    appliesTo: {
      kind: ['Component'],
      ...(list(form.types).length ? { type: list(form.types) } : {}),
      ...(list(form.lifecycles).length
        ? { lifecycle: list(form.lifecycles) }
        : {}),
    },
    targetLevel: form.targetLevel,
    targetShare: Number(form.targetPercent) / 100,
    startsAt: `${form.startsOn}T00:00:00.000Z`,
    deadline: `${form.deadlineOn}T00:00:00.000Z`,
  };
  try {
    return { input: validateInitiativeInput(input, levels) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/** The form of an existing initiative, to change it. */
export function formOf(initiative: Initiative): InitiativeForm {
  return {
    title: initiative.title,
    description: initiative.description,
    ownerRef: initiative.ownerRef,
    lifecycles: (initiative.appliesTo.lifecycle ?? []).join(', '),
    types: (initiative.appliesTo.type ?? []).join(', '),
    targetLevel: initiative.targetLevel,
    // 0.8 → "80"; rounded so 0.29 does not show as 28.999999999999996
    targetPercent: String(Math.round(initiative.targetShare * 10000) / 100),
    startsOn: initiative.startsAt.slice(0, 10),
    deadlineOn: initiative.deadline.slice(0, 10),
  };
}

/**
 * A platform admin's form for an initiative: which services, what level, by when. Empty for a
 * new one; filled from `initiative` to change it.
 */
export function InitiativeDialog(props: {
  levels: string[];
  initiative?: Initiative;
  isOpen: boolean;
  onClose: () => void;
  onSave: (input: InitiativeInput) => void;
}) {
  const [form, setForm] = useState<InitiativeForm>(() =>
    props.initiative
      ? formOf(props.initiative)
      : {
          title: '',
          description: '',
          ownerRef: '',
          lifecycles: 'production',
          types: 'service',
          targetLevel: props.levels[1] ?? props.levels[0] ?? '',
          targetPercent: '100',
          startsOn: new Date().toISOString().slice(0, 10),
          deadlineOn: '',
        },
  );
  const field = (name: keyof InitiativeForm) => ({
    value: form[name],
    onChange: (value: string) => setForm({ ...form, [name]: value }),
  });
  const result =
    form.title && form.ownerRef && form.deadlineOn
      ? initiativeFromForm(form, props.levels)
      : undefined;
  return (
    <Dialog
      isOpen={props.isOpen}
      onOpenChange={open => {
        if (!open) props.onClose();
      }}
    >
      <DialogHeader>
        {props.initiative
          ? `Change ${props.initiative.title}`
          : 'New initiative'}
      </DialogHeader>
      <DialogBody>
        <TextField label="Title" {...field('title')} />
        <TextField label="Description" {...field('description')} />
        <TextField
          label="Owner"
          description="The team that leads it, e.g. group:default/platform-team."
          {...field('ownerRef')}
        />
        <TextField
          label="Lifecycles"
          description="Comma-separated; empty for every lifecycle."
          {...field('lifecycles')}
        />
        <TextField
          label="Types"
          description="Comma-separated; empty for every type."
          {...field('types')}
        />
        <label>
          <Text variant="body-medium">Target level </Text>
          <select
            aria-label="Target level"
            value={form.targetLevel}
            onChange={e => setForm({ ...form, targetLevel: e.target.value })}
          >
            {props.levels.map(level => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </select>
        </label>
        <TextField label="Target (% of services)" {...field('targetPercent')} />
        <TextField
          label="Starts on"
          description="YYYY-MM-DD"
          {...field('startsOn')}
        />
        <TextField
          label="Deadline"
          description="YYYY-MM-DD"
          {...field('deadlineOn')}
        />
        {result && 'problem' in result && (
          <Text as="p" color="danger">
            {result.problem}
          </Text>
        )}
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={props.onClose}>
          Cancel
        </Button>
        <Button
          variant="primary"
          isDisabled={!result || !('input' in result)}
          onPress={() => {
            if (result && 'input' in result) props.onSave(result.input);
          }}
        >
          {props.initiative ? 'Save' : 'Create'}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
