import { ApiErrorPanel, DemoDataBanner } from '@internal/plugin-portal-react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  Box,
  Button,
  FormControlLabel,
  Grid,
  MenuItem,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import {
  EvaluateRequest,
  FactorAnswer,
  FactorId,
  LevelNumber,
  MaturityProposal,
  ReadinessResult,
  SavedAssessment,
  Trajectory,
  factors,
  isNumericFactor,
  questionIds,
} from '@internal/plugin-readiness-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../api';
import {
  FactorForm,
  FactorState,
  FactorStates,
  effectiveColour,
  emptyFactors,
  parseNumber,
} from './FactorForm';
import { HistoryPanel, StaleReminder } from './HistoryPanel';
import {
  MaturityForm,
  MaturityRadar,
  MaturityState,
  partialScores,
} from './MaturityForm';
import {
  applyProposals,
  describeMaturityProposals,
  describeProposals,
} from './proposals';
import { MaturityTable, Recommendations, VerdictHeadline } from './ResultPanel';

type GroupOption = { ref: string; title: string; type: string };

/** The request for the current form, or undefined while a factor is unanswered. */
export function buildRequest(
  states: FactorStates,
  trajectory: Trajectory | '',
  maturity: MaturityState,
  platformTeamSize: string,
): EvaluateRequest | undefined {
  const answers: Partial<Record<FactorId, FactorAnswer>> = {};
  for (const factor of factors) {
    const state = states[factor.id];
    const source = state.measured ? 'measured' : 'declared';
    if (isNumericFactor(factor.id) && state.value.trim() !== '') {
      const { value } = parseNumber(factor.id, state.value);
      if (value === undefined) return undefined;
      answers[factor.id] = { value, source };
    } else if (state.colour) {
      answers[factor.id] = { colour: state.colour, source };
    } else {
      return undefined;
    }
  }
  const complete = questionIds.every(q => maturity[q] !== undefined);
  const size =
    platformTeamSize.trim() === '' ? undefined : Number(platformTeamSize);
  return {
    answers: answers as Record<FactorId, FactorAnswer>,
    ...(trajectory ? { trajectory } : {}),
    ...(complete ? { maturity } : {}),
    ...(size !== undefined && Number.isInteger(size) && size >= 0
      ? { platformTeamSize: size }
      : {}),
  } as EvaluateRequest;
}

export function ReadinessPage() {
  const api = useApi(readinessApiRef);
  const catalogApi = useApi(catalogApiRef);
  const [params, setParams] = useSearchParams();
  const groupRef = params.get('group') ?? '';

  const [states, setStates] = useState<FactorStates>(emptyFactors);
  const [trajectory, setTrajectory] = useState<Trajectory | ''>('');
  const [maturity, setMaturity] = useState<MaturityState>({});
  const [platformTeamSize, setPlatformTeamSize] = useState('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<ReadinessResult>();
  const [evaluating, setEvaluating] = useState(false);
  const [evaluateError, setEvaluateError] = useState<Error>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<Error>();
  const [saved, setSaved] = useState<SavedAssessment>();
  const [evidenceMessage, setEvidenceMessage] = useState<string>();
  const [evidenceLoading, setEvidenceLoading] = useState(false);
  const [evidenceError, setEvidenceError] = useState<Error>();
  const [maturityProposals, setMaturityProposals] = useState<
    MaturityProposal[]
  >([]);

  const groups = useAsync(async (): Promise<GroupOption[]> => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.type',
        'spec.profile',
      ],
    });
    return items
      .map(g => ({
        ref: stringifyEntityRef(g),
        title:
          g.metadata.title ??
          (g.spec?.profile as { displayName?: string } | undefined)
            ?.displayName ??
          g.metadata.name,
        type: String(g.spec?.type ?? ''),
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [catalogApi]);
  const group = groups.value?.find(g => g.ref === groupRef);

  const history = useAsyncRetry(
    async () => (groupRef ? api.history(groupRef) : undefined),
    [api, groupRef],
  );

  const request = useMemo(
    () => buildRequest(states, trajectory, maturity, platformTeamSize),
    [states, trajectory, maturity, platformTeamSize],
  );

  useEffect(() => {
    if (!request) {
      setResult(undefined);
      return undefined;
    }
    let cancelled = false;
    setEvaluating(true);
    const timer = setTimeout(() => {
      api
        .evaluate(request)
        .then(r => {
          if (!cancelled) {
            setResult(r);
            setEvaluateError(undefined);
          }
        })
        .catch(e => !cancelled && setEvaluateError(e))
        .finally(() => !cancelled && setEvaluating(false));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, request]);

  const setFactor = useCallback((id: FactorId, state: FactorState) => {
    setStates(s => ({ ...s, [id]: state }));
    setSaved(undefined);
  }, []);

  const proposeFromPortal = async () => {
    if (!groupRef) return;
    setEvidenceLoading(true);
    setEvidenceError(undefined);
    try {
      const evidence = await api.evidence(groupRef);
      setStates(s => applyProposals(s, evidence.proposals));
      // Maturity proposals are shown beside their questions, never filled in.
      setMaturityProposals(evidence.maturityProposals);
      setEvidenceMessage(
        [
          describeProposals(evidence.proposals),
          describeMaturityProposals(evidence.maturityProposals),
        ]
          .filter(Boolean)
          .join(' '),
      );
    } catch (e) {
      setEvidenceError(e as Error);
    } finally {
      setEvidenceLoading(false);
    }
  };

  const save = async () => {
    if (!request || !groupRef) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const s = await api.save({
        ...request,
        groupRef,
        note: note.trim() || undefined,
      });
      setSaved(s);
      history.retry();
    } catch (e) {
      setSaveError(e as Error);
    } finally {
      setSaving(false);
    }
  };

  const answered = factors.filter(f =>
    effectiveColour(f.id, states[f.id]),
  ).length;
  const maturityAnswered = questionIds.filter(
    q => maturity[q] !== undefined,
  ).length;

  return (
    <Page themeId="tool">
      <Header
        title="Platform readiness"
        subtitle="Are we ready for platform engineering, and where do we stand? Re-run it every quarter."
      />
      <Content>
        <DemoDataBanner />
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <InfoCard title="Organisation or team">
              {groups.loading && <Progress />}
              {groups.error && <ApiErrorPanel error={groups.error} />}
              {groups.value && (
                <Box
                  display="flex"
                  alignItems="center"
                  style={{ gap: 16 }}
                  flexWrap="wrap"
                >
                  <TextField
                    select
                    id="readiness-group"
                    label="Group"
                    variant="outlined"
                    size="small"
                    value={groupRef}
                    style={{ minWidth: 320 }}
                    onChange={e => {
                      setParams({ group: e.target.value as string });
                      setSaved(undefined);
                      setEvidenceMessage(undefined);
                      setMaturityProposals([]);
                    }}
                  >
                    {groups.value.map(g => (
                      <MenuItem key={g.ref} value={g.ref}>
                        {g.title} ({g.type || 'group'})
                      </MenuItem>
                    ))}
                  </TextField>
                  <Button
                    variant="outlined"
                    disabled={!groupRef || evidenceLoading}
                    onClick={proposeFromPortal}
                  >
                    Propose answers from the portal
                  </Button>
                  {evidenceLoading && <Progress />}
                </Box>
              )}
              {evidenceError && <ApiErrorPanel error={evidenceError} />}
              {evidenceMessage && (
                <Box mt={2}>
                  <Alert severity="info">{evidenceMessage}</Alert>
                </Box>
              )}
              {group && history.value && (
                <Box mt={2}>
                  <StaleReminder
                    history={history.value}
                    groupTitle={group.title}
                  />
                </Box>
              )}
            </InfoCard>
          </Grid>

          <Grid item xs={12} md={6}>
            <InfoCard
              title={`Readiness: the seven factors (${answered} of 7 answered)`}
            >
              <Typography variant="body2" color="textSecondary" paragraph>
                Pick the description that fits best, or give the number where
                there is one.
              </Typography>
              <FactorForm states={states} onChange={setFactor} />
              <TextField
                id="readiness-platform-team-size"
                label="People working on the platform today (optional)"
                type="number"
                size="small"
                variant="outlined"
                value={platformTeamSize}
                inputProps={{ min: 0, step: 1 }}
                onChange={e => setPlatformTeamSize(e.target.value)}
                style={{ maxWidth: 420 }}
              />
            </InfoCard>
          </Grid>

          <Grid item xs={12} md={6}>
            <InfoCard title="Verdict and recommendations">
              {!request && (
                <Typography color="textSecondary">
                  Answer the seven factors to see the verdict.
                </Typography>
              )}
              {evaluating && !result && <Progress />}
              {evaluateError && <ApiErrorPanel error={evaluateError} />}
              {request && result && (
                <>
                  <VerdictHeadline result={result} />
                  {result.verdict.verdict === 'mixed' && (
                    <Box mb={2}>
                      <Typography variant="subtitle2">
                        Where are you headed? Will your current approach break
                        in the next 6-12 months?
                      </Typography>
                      <RadioGroup
                        aria-label="Trajectory"
                        value={trajectory}
                        onChange={e =>
                          setTrajectory(e.target.value as Trajectory)
                        }
                      >
                        <FormControlLabel
                          value="growing"
                          control={<Radio />}
                          label="Hiring fast and adding infrastructure complexity"
                        />
                        <FormControlLabel
                          value="steady"
                          control={<Radio />}
                          label="Growth is steady and the stack is stable"
                        />
                      </RadioGroup>
                    </Box>
                  )}
                  <Recommendations result={result} />
                  <MaturityTable result={result} />
                  <Box
                    mt={2}
                    display="flex"
                    flexDirection="column"
                    style={{ gap: 12 }}
                  >
                    <TextField
                      id="readiness-note"
                      label="Note for the record (optional)"
                      size="small"
                      variant="outlined"
                      value={note}
                      onChange={e => setNote(e.target.value)}
                      multiline
                    />
                    <Box display="flex" alignItems="center" style={{ gap: 12 }}>
                      <Button
                        variant="contained"
                        color="primary"
                        disabled={!groupRef || saving}
                        onClick={save}
                      >
                        {group
                          ? `Save for ${group.title}`
                          : 'Choose a group to save'}
                      </Button>
                      {saving && <Progress />}
                    </Box>
                    {saveError && <ApiErrorPanel error={saveError} />}
                    {saved && (
                      <Alert severity="success" data-testid="readiness-saved">
                        Saved for {saved.groupTitle} on{' '}
                        {new Date(saved.assessedAt).toLocaleString()}.
                      </Alert>
                    )}
                  </Box>
                </>
              )}
            </InfoCard>
          </Grid>

          <Grid item xs={12} md={6}>
            <InfoCard
              title={`Maturity (CNCF platform engineering maturity model), optional: ${maturityAnswered} of ${questionIds.length}`}
            >
              <Typography variant="body2" color="textSecondary" paragraph>
                Five aspects, four levels: provisional, operational, scalable,
                optimizing. An aspect&apos;s score is the mean of its answers (1
                to 4). The maturity is saved once every question is answered.
              </Typography>
              <MaturityForm
                answers={maturity}
                proposals={maturityProposals}
                onChange={(q, level: LevelNumber) => {
                  setMaturity(m => ({ ...m, [q]: level }));
                  setSaved(undefined);
                }}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title="Maturity radar">
              <MaturityRadar scores={partialScores(maturity)} />
            </InfoCard>
          </Grid>

          <Grid item xs={12}>
            <InfoCard title={group ? `History: ${group.title}` : 'History'}>
              {groupRef ? (
                <HistoryPanel
                  history={history.value}
                  loading={history.loading && !history.value}
                  error={history.error}
                />
              ) : (
                <Typography color="textSecondary">
                  Choose a group to see its assessments over time.
                </Typography>
              )}
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
