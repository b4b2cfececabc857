import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Text,
  TextField,
} from '@backstage/ui';
import { useState } from 'react';

/** The contract's GitRef pattern: what git and the workflow's shell accept as a ref. */
const GIT_REF =
  /^(?!.*\.\.)(?!.*\/\/)(?!.*\/$)(?!.*\.lock$)[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;

/** Asks which commit or tag to deploy to an environment. */
export function DeployDialog(props: {
  environment: string;
  isOpen: boolean;
  onClose: () => void;
  onDeploy: (ref: string) => void;
}) {
  const [ref, setRef] = useState('');
  const trimmed = ref.trim();
  const problem =
    trimmed && !GIT_REF.test(trimmed)
      ? 'A commit SHA, a branch or a tag: letters, digits, . _ / -'
      : undefined;
  return (
    <Dialog
      isOpen={props.isOpen}
      onOpenChange={open => {
        if (!open) props.onClose();
      }}
    >
      <DialogHeader>Deploy to {props.environment}</DialogHeader>
      <DialogBody>
        <TextField
          label="Commit SHA or tag"
          description="The service's deploy workflow deploys it with this environment's overlay."
          value={ref}
          onChange={setRef}
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
          isDisabled={!trimmed || Boolean(problem)}
          onPress={() => props.onDeploy(trimmed)}
        >
          Deploy
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
