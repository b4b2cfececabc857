import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Text,
  TextField,
} from '@backstage/ui';
import { ApiErrorPanel } from '@internal/plugin-portal-react';
import {
  answersAllowed,
  mayVote,
  ProposalAnswer,
  ProposalStatus,
  RoadmapProposal,
} from '@internal/plugin-roadmap-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { roadmapApiRef } from '../api';
import { AnswerDialog } from './AnswerDialog';

const STATUS: Record<ProposalStatus, string> = {
  open: 'Open',
  planned: 'Planned',
  declined: 'Declined',
  done: 'Done',
};

function shortRef(ref: string): string {
  return ref.replace(/^[^:]+:(default\/)?/, '');
}

function votes(count: number): string {
  return count === 1 ? '1 vote' : `${count} votes`;
}

function ProposalCard(props: {
  proposal: RoadmapProposal;
  mayAnswer: boolean;
  onVote: (proposal: RoadmapProposal) => void;
  onAnswer: (proposal: RoadmapProposal) => void;
}) {
  const { proposal } = props;
  return (
    <Card aria-label={`Proposal ${proposal.title}`}>
      <CardHeader>
        <Flex align="center" gap="2">
          <Text variant="title-small">{proposal.title}</Text>
          <Text variant="body-small">{STATUS[proposal.status]}</Text>
          <Text variant="body-medium" weight="bold">
            {votes(proposal.votes)}
          </Text>
        </Flex>
      </CardHeader>
      <CardBody>
        {proposal.description && <Text as="p">{proposal.description}</Text>}
        <Text as="p" variant="body-small">
          Proposed by {shortRef(proposal.proposerRef)} on{' '}
          {proposal.createdAt.slice(0, 10)}
        </Text>
        {proposal.answer && (
          <Text as="p">
            {STATUS[proposal.answer.decision]} by{' '}
            {shortRef(proposal.answer.answeredBy)}
            {proposal.answer.reason ? `: ${proposal.answer.reason}` : ''}
          </Text>
        )}
        <Flex gap="2">
          {mayVote(proposal.status) && (
            <Button
              size="small"
              variant={proposal.voted ? 'secondary' : 'primary'}
              aria-label={`${
                proposal.voted ? 'Withdraw vote for' : 'Vote for'
              } ${proposal.title}`}
              onPress={() => props.onVote(proposal)}
            >
              {proposal.voted ? 'Withdraw vote' : 'Vote'}
            </Button>
          )}
          {props.mayAnswer && answersAllowed(proposal.status).length > 0 && (
            <Button
              size="small"
              variant="secondary"
              aria-label={`Answer ${proposal.title}`}
              onPress={() => props.onAnswer(proposal)}
            >
              Answer
            </Button>
          )}
        </Flex>
      </CardBody>
    </Card>
  );
}

/**
 * The developers' proposals, the most votes first: anyone proposes and votes (once, and may
 * withdraw); platform admins answer.
 */
export function ProposalsSection(props: {
  mayAnswer: boolean;
  /** Called after an answer, which may have put an item on the roadmap. */
  onAnswered: () => void;
}) {
  const api = useApi(roadmapApiRef);
  const state = useAsyncRetry(() => api.listProposals(), [api]);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [answering, setAnswering] = useState<RoadmapProposal>();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();

  const act = async (text: string, action: () => Promise<unknown>) => {
    try {
      await action();
      setOutcome({ ok: true, text });
    } catch (error) {
      setOutcome({ ok: false, text: (error as Error).message });
    }
    state.retry();
  };

  const propose = () =>
    act(`Proposal “${title.trim()}” sent.`, async () => {
      await api.propose({ title, description });
      setTitle('');
      setDescription('');
    });

  const vote = (proposal: RoadmapProposal) =>
    act(
      proposal.voted
        ? `Vote for “${proposal.title}” withdrawn.`
        : `Voted for “${proposal.title}”.`,
      () =>
        proposal.voted ? api.withdrawVote(proposal.id) : api.vote(proposal.id),
    );

  const answer = (proposal: RoadmapProposal, given: ProposalAnswer) => {
    setAnswering(undefined);
    return act(`“${proposal.title}” answered ${given.decision}.`, async () => {
      await api.answer(proposal.id, given);
      props.onAnswered();
    });
  };

  return (
    <Flex direction="column" gap="3">
      <Text variant="title-medium" as="h2">
        Proposals
      </Text>
      <Card aria-label="Propose an item">
        <CardBody>
          <Flex direction="column" gap="2">
            <TextField label="Proposal" value={title} onChange={setTitle} />
            <TextField
              label="What it would solve"
              value={description}
              onChange={setDescription}
            />
            <div>
              <Button
                variant="primary"
                isDisabled={!title.trim()}
                onPress={propose}
              >
                Propose
              </Button>
            </div>
          </Flex>
        </CardBody>
      </Card>
      {outcome && (
        <Alert
          status={outcome.ok ? 'success' : 'danger'}
          role="status"
          title={outcome.text}
        />
      )}
      {state.loading && !state.value && <Progress />}
      {state.error && (
        <ApiErrorPanel
          error={state.error}
          title="Could not load the proposals"
        />
      )}
      {state.value?.length === 0 && <Text as="p">No proposal yet.</Text>}
      {state.value?.map(proposal => (
        <ProposalCard
          key={proposal.id}
          proposal={proposal}
          mayAnswer={props.mayAnswer}
          onVote={vote}
          onAnswer={setAnswering}
        />
      ))}
      {answering && (
        <AnswerDialog
          proposal={answering}
          onClose={() => setAnswering(undefined)}
          onAnswer={given => answer(answering, given)}
        />
      )}
    </Flex>
  );
}
