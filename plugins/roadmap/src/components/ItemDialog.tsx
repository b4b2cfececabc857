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
  parseRoadmapItemInput,
  recommendationLinks,
  ROADMAP_ITEM_STATUSES,
  roadmapPhaseInfo,
  RoadmapItem,
  RoadmapItemInput,
  RoadmapItemStatus,
} from '@internal/plugin-roadmap-common';
import { useState } from 'react';

export type ItemForm = {
  title: string;
  description: string;
  phase: string;
  status: RoadmapItemStatus;
  targetQuarter: string;
  recommendations: string[];
  /** Initiative ids, comma-separated as typed. */
  initiatives: string;
};

export const STATUS: Record<RoadmapItemStatus, string> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  done: 'Done',
};

/** The form as the backend's input, or what is wrong with it (the backend's own parsing). */
export function itemFromForm(
  form: ItemForm,
): { input: RoadmapItemInput } | { problem: string } {
  try {
    return {
      input: parseRoadmapItemInput({
        ...form,
        phase: Number(form.phase),
        targetQuarter: form.targetQuarter.trim(),
        initiatives: form.initiatives
          .split(',')
          .map(id => id.trim())
          .filter(Boolean),
      }),
    };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

function formOf(item: RoadmapItem | undefined, quarter: string): ItemForm {
  return {
    title: item?.title ?? '',
    description: item?.description ?? '',
    phase: String(item?.phase ?? 1),
    status: item?.status ?? 'planned',
    targetQuarter: item?.targetQuarter ?? quarter,
    recommendations: item?.recommendations.map(link => link.id) ?? [],
    initiatives: item?.initiatives.map(link => link.id).join(', ') ?? '',
  };
}

/** A platform admin's form for a roadmap item: new, or filled from `item` to change it. */
export function ItemDialog(props: {
  item?: RoadmapItem;
  currentQuarter: string;
  onClose: () => void;
  onSave: (input: RoadmapItemInput) => void;
}) {
  const [form, setForm] = useState(() =>
    formOf(props.item, props.currentQuarter),
  );
  const field = (
    name: 'title' | 'description' | 'targetQuarter' | 'initiatives',
  ) => ({
    value: form[name],
    onChange: (value: string) => setForm({ ...form, [name]: value }),
  });
  const result = itemFromForm(form);
  return (
    <Dialog
      isOpen
      onOpenChange={open => {
        if (!open) props.onClose();
      }}
    >
      <DialogHeader>
        {props.item ? `Change ${props.item.title}` : 'New roadmap item'}
      </DialogHeader>
      <DialogBody>
        <TextField label="Title" {...field('title')} />
        <TextField label="Description" {...field('description')} />
        <label>
          <Text variant="body-medium">Phase </Text>
          <select
            aria-label="Phase"
            value={form.phase}
            onChange={e => setForm({ ...form, phase: e.target.value })}
          >
            {roadmapPhaseInfo.map(info => (
              <option key={info.phase} value={String(info.phase)}>
                {info.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <Text variant="body-medium"> Status </Text>
          <select
            aria-label="Status"
            value={form.status}
            onChange={e =>
              setForm({ ...form, status: e.target.value as RoadmapItemStatus })
            }
          >
            {ROADMAP_ITEM_STATUSES.map(status => (
              <option key={status} value={status}>
                {STATUS[status]}
              </option>
            ))}
          </select>
        </label>
        <TextField
          label="Target quarter"
          description="Such as 2027-Q1."
          {...field('targetQuarter')}
        />
        <label>
          <Text variant="body-medium">
            Readiness recommendations it answers
          </Text>
          <select
            aria-label="Readiness recommendations"
            multiple
            value={form.recommendations}
            onChange={e =>
              setForm({
                ...form,
                recommendations: Array.from(
                  e.target.selectedOptions,
                  option => option.value,
                ),
              })
            }
          >
            {recommendationLinks.map(link => (
              <option key={link.id} value={link.id}>
                {link.title}
              </option>
            ))}
          </select>
        </label>
        <TextField
          label="Scorecard initiatives"
          description="Initiative ids, comma-separated (from the Scorecards page)."
          {...field('initiatives')}
        />
        {'problem' in result && form.title && (
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
          isDisabled={!('input' in result)}
          onPress={() => {
            if ('input' in result) props.onSave(result.input);
          }}
        >
          {props.item ? 'Save' : 'Add'}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
