import { ApiErrorPanel } from '@internal/plugin-portal-react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { insightsApiRef } from '../api';

/** One survey question answered by picking a score in a row of radio buttons. */
function ScaleQuestion(props: {
  question: string;
  ariaLabel: string;
  scores: number[];
  value: number | null;
  onChange(score: number): void;
}) {
  return (
    <FormControl component="fieldset" margin="normal">
      <FormLabel component="legend">{props.question}</FormLabel>
      <RadioGroup
        row
        aria-label={props.ariaLabel}
        value={props.value === null ? '' : String(props.value)}
        onChange={e => props.onChange(Number(e.target.value))}
      >
        {props.scores.map(i => (
          <FormControlLabel
            key={i}
            value={String(i)}
            control={<Radio size="small" />}
            label={String(i)}
            labelPlacement="bottom"
          />
        ))}
      </RadioGroup>
    </FormControl>
  );
}

/** The developer satisfaction survey: one current answer per person per quarter. */
export function SurveyCard({ onAnswered }: { onAnswered?: () => void }) {
  const api = useApi(insightsApiRef);
  const mine = useAsyncRetry(() => api.getMySurveyAnswer(), [api]);
  const [nps, setNps] = useState<number | null>(null);
  const [satisfaction, setSatisfaction] = useState<number | null>(null);
  const [infrastructureShare, setInfrastructureShare] = useState<number | null>(
    null,
  );
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    const a = mine.value?.answer;
    if (a) {
      setNps(a.nps);
      setSatisfaction(a.satisfaction);
      setInfrastructureShare(a.infrastructureSharePct ?? null);
    }
  }, [mine.value]);

  if (mine.loading && !mine.value) return <Progress />;
  if (mine.error) return <ApiErrorPanel error={mine.error} />;

  const submit = async () => {
    if (nps === null || satisfaction === null) return;
    setSaving(true);
    setError(undefined);
    try {
      await api.answerSurvey({
        nps,
        satisfaction,
        ...(infrastructureShare !== null && {
          infrastructureSharePct: infrastructureShare,
        }),
        comment: comment.trim() || undefined,
      });
      setSaved(true);
      setComment('');
      mine.retry();
      onAnswered?.();
    } catch (e) {
      setError(e as Error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <InfoCard title={`Developer survey, ${mine.value?.quarter ?? ''}`}>
      <Box data-testid="survey-form">
        {mine.value?.answer && (
          <Typography variant="body2" color="textSecondary" gutterBottom>
            You answered this quarter; answering again replaces your scores.
          </Typography>
        )}
        <ScaleQuestion
          question="How likely are you to recommend the platform to a colleague? (0–10)"
          ariaLabel="NPS score"
          scores={Array.from({ length: 11 }, (_, i) => i)}
          value={nps}
          onChange={setNps}
        />
        <ScaleQuestion
          question="How satisfied are you with the platform? (1–5)"
          ariaLabel="Satisfaction"
          scores={[1, 2, 3, 4, 5]}
          value={satisfaction}
          onChange={setSatisfaction}
        />
        <ScaleQuestion
          question="What share of your time goes to infrastructure and tooling rather than product work? (%, optional)"
          ariaLabel="Share of time on infrastructure and tooling"
          scores={Array.from({ length: 11 }, (_, i) => i * 10)}
          value={infrastructureShare}
          onChange={setInfrastructureShare}
        />
        <TextField
          id="insights-survey-comment"
          label="Comment (optional)"
          fullWidth
          multiline
          minRows={2}
          value={comment}
          inputProps={{ maxLength: 2000 }}
          onChange={e => setComment(e.target.value)}
          helperText="Comments are stored without your name: they cannot be shown to you again or changed."
        />
        <Box mt={2} display="flex" alignItems="center">
          <Button
            variant="contained"
            color="primary"
            disabled={nps === null || satisfaction === null || saving}
            onClick={submit}
          >
            Submit answer
          </Button>
          {saved && (
            <Typography
              variant="body2"
              style={{ marginLeft: 16 }}
              data-testid="survey-saved"
            >
              Thank you, your answer is saved.
            </Typography>
          )}
        </Box>
        {error && <ApiErrorPanel error={error} />}
        <Typography variant="caption" color="textSecondary" component="p">
          Results per team are shown only from 5 answers up, so no one is
          identifiable.
        </Typography>
      </Box>
    </InfoCard>
  );
}
