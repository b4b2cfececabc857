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
  answersAllowed,
  parseProposalAnswer,
  ProposalAnswer,
  ProposalDecision,
  quarterOf,
  roadmapPhaseInfo,
  RoadmapProposal,
} from '@internal/plugin-roadmap-common';
import { useState } from 'react';

const DECISION: Record<ProposalDecision, string> = {
  planned: 'Planned: put it on the roadmap',
  declined: 'Declined, with the reason',
  done: 'Done: it is delivered',
};

type AnswerForm = {
  decision: ProposalDecision;
  phase: string;
  targetQuarter: string;
  reason: string;
};

/**
 * The form as the backend's answer, or what is wrong with it: the same parsing the backend
 * runs, against the current quarter.
 */
export function answerFromForm(
  form: AnswerForm,
  now: Date,
): { answer: ProposalAnswer } | { problem: string } {
  const body =
    form.decision === 'planned'
      ? {
          decision: form.decision,
          phase: Number(form.phase),
          targetQuarter: form.targetQuarter.trim(),
          reason: form.reason,
        }
      : { decision: form.decision, reason: form.reason };
  try {
    return { answer: parseProposalAnswer(body, quarterOf(now)) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/** A platform admin's answer to a proposal: planned in a phase and quarter, declined, done. */
export function AnswerDialog(props: {
  proposal: RoadmapProposal;
  onClose: () => void;
  onAnswer: (answer: ProposalAnswer) => void;
  now?: Date;
}) {
  const now = props.now ?? new Date();
  const decisions = answersAllowed(props.proposal.status);
  const [form, setForm] = useState<AnswerForm>({
    decision: decisions[0] ?? 'done',
    phase: '1',
    targetQuarter: quarterOf(now),
    reason: '',
  });
  const result = answerFromForm(form, now);
  return (
    <Dialog
      isOpen
      onOpenChange={open => {
        if (!open) props.onClose();
      }}
    >
      <DialogHeader>Answer “{props.proposal.title}”</DialogHeader>
      <DialogBody>
        <label>
          <Text variant="body-medium">Answer </Text>
          <select
            aria-label="Answer"
            value={form.decision}
            onChange={e =>
              setForm({ ...form, decision: e.target.value as ProposalDecision })
            }
          >
            {decisions.map(decision => (
              <option key={decision} value={decision}>
                {DECISION[decision]}
              </option>
            ))}
          </select>
        </label>
        {form.decision === 'planned' && (
          <>
            <label>
              <Text variant="body-medium"> Phase </Text>
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
            <TextField
              label="Target quarter"
              description={`Such as ${quarterOf(now)}; this quarter or later.`}
              value={form.targetQuarter}
              onChange={targetQuarter => setForm({ ...form, targetQuarter })}
            />
          </>
        )}
        <TextField
          label="Reason"
          description={
            form.decision === 'declined'
              ? 'Required: the proposer reads it.'
              : 'Optional: the proposer reads it.'
          }
          value={form.reason}
          onChange={reason => setForm({ ...form, reason })}
        />
        {'problem' in result && (
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
          isDisabled={!('answer' in result)}
          onPress={() => {
            if ('answer' in result) props.onAnswer(result.answer);
          }}
        >
          Send answer
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
