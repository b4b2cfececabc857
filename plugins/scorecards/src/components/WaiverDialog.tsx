import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Text,
  TextField,
} from '@backstage/ui';
import { MAX_WAIVER_DAYS } from '@internal/plugin-scorecards-common';
import { useState } from 'react';

const DAY_MS = 24 * 3600 * 1000;

/** The form's own check, the same rules as the backend's (a reason, an expiry within a year). */
export function waiverProblem(
  reason: string,
  expiresOn: string,
  now: Date,
): string | undefined {
  if (!reason.trim()) return 'Say why the check cannot pass yet.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiresOn))
    return 'The expiry as a date: YYYY-MM-DD.';
  const expires = Date.parse(`${expiresOn}T00:00:00Z`);
  if (
    !Number.isFinite(expires) ||
    new Date(expires).toISOString().slice(0, 10) !== expiresOn
  ) {
    return 'That date does not exist.';
  }
  if (expires <= now.getTime()) return 'The expiry must be in the future.';
  if (expires - now.getTime() > MAX_WAIVER_DAYS * DAY_MS) {
    return `A waiver lasts at most ${MAX_WAIVER_DAYS} days.`;
  }
  return undefined;
}

/** Asks the owning team why a check should be waived, and until when. */
export function WaiverDialog(props: {
  checkTitle: string;
  isOpen: boolean;
  onClose: () => void;
  onRequest: (reason: string, expiresAt: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const problem =
    reason || expiresOn
      ? waiverProblem(reason, expiresOn, new Date())
      : undefined;
  return (
    <Dialog
      isOpen={props.isOpen}
      onOpenChange={open => {
        if (!open) props.onClose();
      }}
    >
      <DialogHeader>Request a waiver: {props.checkTitle}</DialogHeader>
      <DialogBody>
        <TextField label="Reason" value={reason} onChange={setReason} />
        <TextField
          label="Expires on"
          description="YYYY-MM-DD, at most a year ahead; a platform admin grants or rejects it."
          value={expiresOn}
          onChange={setExpiresOn}
        />
        {problem && (
          <Text as="p" color="danger">
            {problem}
          </Text>
        )}
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={props.onClose}>
          Cancel
        </Button>
        <Button
          variant="primary"
          isDisabled={!reason.trim() || !expiresOn || Boolean(problem)}
          onPress={() =>
            props.onRequest(reason.trim(), `${expiresOn}T00:00:00.000Z`)
          }
        >
          Request
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
