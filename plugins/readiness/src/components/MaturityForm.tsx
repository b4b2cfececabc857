import {
  Box,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Typography,
} from '@material-ui/core';
import {
  AspectId,
  LevelNumber,
  MaturityProposal,
  aspects,
  levels,
  meanToTwoDecimals,
} from '@internal/plugin-readiness-common';
import {
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ResponsiveContainer,
  Tooltip,
} from 'recharts';
import { ScorecardProposalNote } from './ScorecardProposalNote';

export type MaturityState = Record<string, LevelNumber>;

/** Scores of the aspects whose questions are all answered (the rest count as 0 on the chart). */
export function partialScores(
  answers: MaturityState,
): Record<AspectId, number | null> {
  return Object.fromEntries(
    aspects.map(a => {
      const values = a.questions
        .map(q => answers[q.id])
        .filter(v => v !== undefined);
      return [
        a.id,
        values.length === a.questions.length ? meanToTwoDecimals(values) : null,
      ];
    }),
  ) as Record<AspectId, number | null>;
}

export function MaturityRadar(props: {
  scores: Record<AspectId, number | null>;
}) {
  const data = aspects.map(a => ({
    aspect: a.label,
    score: props.scores[a.id] ?? 0,
  }));
  return (
    <Box height={300} data-testid="maturity-radar">
      <ResponsiveContainer width="100%" height="100%">
        <RadarChart data={data} outerRadius="75%">
          <PolarGrid />
          <PolarAngleAxis dataKey="aspect" />
          <PolarRadiusAxis domain={[0, 4]} tickCount={5} angle={90} />
          <Radar
            name="Maturity"
            dataKey="score"
            stroke="#1e88e5"
            fill="#1e88e5"
            fillOpacity={0.35}
            isAnimationActive={false}
          />
          <Tooltip />
        </RadarChart>
      </ResponsiveContainer>
    </Box>
  );
}

export function MaturityForm(props: {
  answers: MaturityState;
  onChange: (questionId: string, level: LevelNumber) => void;
  /** Answers proposed from the scorecards' figures, shown beside their questions. */
  proposals?: MaturityProposal[];
}) {
  const { answers, onChange, proposals = [] } = props;
  return (
    <>
      {aspects.map(aspect => (
        <Box key={aspect.id} mb={3}>
          <Typography variant="h6">{aspect.label}</Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            {aspect.question}
          </Typography>
          {aspect.questions.map(q => (
            <FormControl
              key={q.id}
              component="fieldset"
              fullWidth
              style={{ marginBottom: 12 }}
            >
              <FormLabel component="legend">{q.text}</FormLabel>
              {proposals
                .filter(p => p.question === q.id)
                .map(p => (
                  <ScorecardProposalNote
                    key={p.question}
                    proposal={p}
                    answer={answers[q.id]}
                    onAccept={level => onChange(q.id, level)}
                  />
                ))}
              <RadioGroup
                aria-label={q.text}
                name={q.id}
                value={answers[q.id] ? String(answers[q.id]) : ''}
                onChange={e =>
                  onChange(q.id, Number(e.target.value) as LevelNumber)
                }
              >
                {q.options.map((option, i) => (
                  <FormControlLabel
                    key={i}
                    value={String(i + 1)}
                    control={<Radio size="small" />}
                    label={
                      <Typography variant="body2">
                        <strong>{levels[i].label}:</strong> {option}
                      </Typography>
                    }
                  />
                ))}
              </RadioGroup>
            </FormControl>
          ))}
        </Box>
      ))}
    </>
  );
}
