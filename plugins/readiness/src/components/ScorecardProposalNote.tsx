import { Box, Button, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import {
  LevelNumber,
  MaturityProposal,
  levels,
} from '@internal/plugin-readiness-common';

/** `2026-12-03T19:10:42Z` → `2026-12-03 19:10 UTC`, the same for every reader. */
export function readTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** 0.8 → `80.0%` */
function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/**
 * What the scorecards' figures propose for one maturity question, beside it: the level, the
 * figure and when it was read, and the rule's words. The answer changes only when the person
 * accepts the proposal.
 */
export function ScorecardProposalNote(props: {
  proposal: MaturityProposal;
  answer: LevelNumber | undefined;
  onAccept: (level: LevelNumber) => void;
}) {
  const { proposal, answer, onAccept } = props;
  const testId = `scorecard-proposal-${proposal.question}`;
  if (!proposal.available || proposal.level === null) {
    return (
      <Box mb={1} data-testid={testId}>
        <Alert severity="info" icon={false}>
          <Typography variant="body2">
            <strong>No proposal from scorecard figures.</strong>{' '}
            {proposal.source}
          </Typography>
        </Alert>
      </Box>
    );
  }
  const level = proposal.level;
  const label = levels[level - 1].label;
  const figure = [
    proposal.figure,
    proposal.share === null ? null : percent(proposal.share),
    proposal.measuredAt ? `read ${readTime(proposal.measuredAt)}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Box mb={1} data-testid={testId}>
      <Alert
        severity="info"
        action={
          answer === level ? (
            <Typography variant="caption">Your answer</Typography>
          ) : (
            <Button
              size="small"
              color="primary"
              variant="outlined"
              onClick={() => onAccept(level)}
            >
              Use {label}
            </Button>
          )
        }
      >
        <Typography variant="body2">
          <strong>Proposed from scorecard figures: {label}.</strong> {figure}.
        </Typography>
        <Typography variant="caption" component="p">
          {proposal.source}
        </Typography>
      </Alert>
    </Box>
  );
}
