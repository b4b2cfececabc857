import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Badge,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Link,
  Text,
} from '@backstage/ui';
import { ApiErrorPanel, DemoDataBanner } from '@internal/plugin-portal-react';
import {
  CheckStatus,
  EntityCheckResult,
  EntityScorecard,
} from '@internal/plugin-scorecards-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../api';
import { levelColour, levelLabel } from './levels';
import { WaiverDialog } from './WaiverDialog';

const STATUS_TEXT: Record<CheckStatus, string> = {
  pass: 'Passes',
  fail: 'Fails',
  unknown: 'Not collected',
  waived: 'Waived',
};

function LevelSummary({ scorecard }: { scorecard: EntityScorecard }) {
  const titles = new Map(
    scorecard.results.map(r => [r.check.id, r.check.title]),
  );
  return (
    <Flex direction="column" gap="1">
      <Flex align="center" gap="2">
        <span
          aria-label={`Level: ${levelLabel(scorecard.level, scorecard.levels)}`}
          style={{
            background: levelColour(scorecard.level ?? 'none'),
            color: 'white',
            borderRadius: 12,
            padding: '2px 12px',
            fontWeight: 600,
          }}
        >
          {levelLabel(scorecard.level, scorecard.levels)}
        </span>
        {scorecard.nextLevel && (
          <Text variant="body-medium">
            {levelLabel(scorecard.nextLevel, scorecard.levels)} needs:{' '}
            {scorecard.blocking.map(id => titles.get(id) ?? id).join(', ')}
          </Text>
        )}
        {!scorecard.nextLevel && (
          <Text variant="body-medium">The top level: every check passes.</Text>
        )}
      </Flex>
      {scorecard.history.length > 1 && (
        <Text variant="body-small" color="secondary">
          Since {scorecard.history[0].day}:{' '}
          {scorecard.history
            .filter((h, i, all) => i === 0 || all[i - 1].level !== h.level)
            .map(h => `${levelLabel(h.level, scorecard.levels)} (${h.day})`)
            .join(' → ')}
        </Text>
      )}
    </Flex>
  );
}

function CheckRow(props: {
  result: EntityCheckResult;
  onWaive: (result: EntityCheckResult) => void;
}) {
  const { result } = props;
  const { check, waiver } = result;
  const canRequest =
    (result.status === 'fail' || result.status === 'unknown') &&
    waiver?.status !== 'requested';
  return (
    <li aria-label={check.title} style={{ marginBottom: 12 }}>
      <Flex align="center" gap="2">
        <Badge>{STATUS_TEXT[result.status]}</Badge>
        <Text variant="body-medium" weight="bold">
          {check.title}
        </Text>
        <Text variant="body-small" color="secondary">
          {check.level}
        </Text>
      </Flex>
      <Text as="p" variant="body-medium">
        {result.message}
        {result.collectedAt &&
          ` · collected ${result.collectedAt
            .slice(0, 16)
            .replace('T', ' ')} UTC`}
      </Text>
      <Text as="p" variant="body-small" color="secondary">
        {check.why} <Link href={check.docs}>How to fix it</Link>
      </Text>
      {waiver && (
        <Text as="p" variant="body-small">
          Waiver {waiver.status} until {waiver.expiresAt.slice(0, 10)}:{' '}
          {waiver.reason}
        </Text>
      )}
      {canRequest && (
        <Button
          size="small"
          variant="secondary"
          onPress={() => props.onWaive(result)}
        >
          Request a waiver
        </Button>
      )}
    </li>
  );
}

/** The entity's Scorecard tab: its level, what the next level needs, and each check's facts. */
export function EntityScorecardContent() {
  const { entity } = useEntity();
  const api = useApi(scorecardsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const state = useAsyncRetry(
    () => api.getEntityScorecard(entityRef),
    [api, entityRef],
  );
  const [waiving, setWaiving] = useState<EntityCheckResult>();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();

  if (state.loading && !state.value) return <Progress />;
  if (state.error)
    return (
      <ApiErrorPanel error={state.error} title="Could not load the scorecard" />
    );
  const scorecard = state.value!;
  return (
    <Card>
      <CardHeader>
        <Text variant="title-small">Scorecard</Text>
      </CardHeader>
      <CardBody>
        <DemoDataBanner />
        <LevelSummary scorecard={scorecard} />
        {outcome && (
          <Alert
            status={outcome.ok ? 'success' : 'danger'}
            role="status"
            title={outcome.text}
          />
        )}
        {scorecard.results.length === 0 ? (
          <Text as="p">No check applies to this entity.</Text>
        ) : (
          <ul style={{ listStyle: 'none', padding: 0 }}>
            {scorecard.results.map(result => (
              <CheckRow
                key={result.check.id}
                result={result}
                onWaive={setWaiving}
              />
            ))}
          </ul>
        )}
        {waiving && (
          <WaiverDialog
            isOpen
            checkTitle={waiving.check.title}
            onClose={() => setWaiving(undefined)}
            onRequest={async (reason, expiresAt) => {
              const check = waiving.check;
              setWaiving(undefined);
              try {
                await api.requestWaiver({
                  entityRef,
                  checkId: check.id,
                  reason,
                  expiresAt,
                });
                setOutcome({
                  ok: true,
                  text: `Waiver of "${check.title}" requested; a platform admin decides it.`,
                });
                state.retry();
              } catch (error) {
                setOutcome({
                  ok: false,
                  text: `The waiver was not requested: ${
                    (error as Error).message
                  }`,
                });
              }
            }}
          />
        )}
      </CardBody>
    </Card>
  );
}
