import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Text,
} from '@backstage/ui';
import { ApiErrorPanel, TrendChart } from '@internal/plugin-portal-react';
import {
  InitiativeDetail,
  InitiativeInput,
  InitiativeStanding,
  scorecardsInitiativeManagePermission,
} from '@internal/plugin-scorecards-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../api';
import { InitiativeDialog } from './InitiativeDialog';

function shortRef(ref: string): string {
  return ref.replace(/^[^:]+:(default\/)?/, '');
}

function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)} %`;
}

const STANDING: Record<InitiativeStanding, string> = {
  met: 'Met',
  'on-track': 'On track',
  behind: 'Behind',
  missed: 'Missed',
};

/** Which services, in words: "production services", "every component". */
function scopeText(initiative: InitiativeDetail): string {
  const { lifecycle, type, tags } = initiative.appliesTo;
  const parts = [
    lifecycle?.length ? lifecycle.join(' or ') : '',
    type?.length ? `${type.join(' or ')}s` : 'components',
    tags?.length ? `tagged ${tags.join(' or ')}` : '',
  ].filter(Boolean);
  return parts.join(' ');
}

function InitiativeCard({
  initiative,
  onChange,
}: {
  initiative: InitiativeDetail;
  /** Set for platform admins. */
  onChange?: () => void;
}) {
  const { progress, projection } = initiative;
  const target = Math.round(initiative.targetShare * 100);
  const data = initiative.history.map(point => ({
    day: point.day,
    'At target level': Math.round((100 * point.meeting) / point.covered),
    Target: target,
  }));
  return (
    <Card aria-label={`Initiative ${initiative.title}`}>
      <CardHeader>
        <Flex align="center" gap="2">
          <Text variant="title-small">{initiative.title}</Text>
          {onChange && (
            <Button
              size="small"
              variant="secondary"
              aria-label={`Change ${initiative.title}`}
              onPress={onChange}
            >
              Change
            </Button>
          )}
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="2">
          <Text as="p">
            {target} % of {scopeText(initiative)} at {initiative.targetLevel} by{' '}
            {initiative.deadline.slice(0, 10)}, led by{' '}
            {shortRef(initiative.ownerRef)}.
          </Text>
          {initiative.description && (
            <Text as="p">{initiative.description}</Text>
          )}
          <Text as="p" weight="bold">
            {STANDING[projection.standing]}: {progress.meeting} of{' '}
            {progress.covered} services ({percent(progress.share)}) at{' '}
            {initiative.targetLevel}
            {projection.standing === 'on-track' ||
            projection.standing === 'behind'
              ? `; at this pace ${percent(
                  projection.projectedShare,
                )} by the deadline`
              : ''}
            .
          </Text>
          {data.length > 0 && (
            <TrendChart
              kind="line"
              data={data}
              xKey="day"
              series={[
                { dataKey: 'At target level', colour: '#1f77b4' },
                { dataKey: 'Target', colour: '#999999' },
              ]}
              yAxis={{ domain: [0, 100] }}
              height={200}
              legend
            />
          )}
          {initiative.teamsBehind.length > 0 && (
            <table
              aria-label={`Teams behind ${initiative.title}`}
              style={{ width: '100%', borderCollapse: 'collapse' }}
            >
              <thead>
                <tr>
                  <th align="left">Team</th>
                  <th align="right">Services behind</th>
                  <th align="right">At target</th>
                </tr>
              </thead>
              <tbody>
                {initiative.teamsBehind.map(team => (
                  <tr key={team.ownerRef}>
                    <td>{shortRef(team.ownerRef)}</td>
                    <td align="right">{team.behind}</td>
                    <td align="right">
                      {team.meeting} of {team.covered}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Flex>
      </CardBody>
    </Card>
  );
}

/**
 * The initiatives on the Scorecards page: each with its target, deadline, progress over time
 * and the teams behind it; platform admins create new ones.
 */
export function InitiativesSection({ levels }: { levels: string[] }) {
  const api = useApi(scorecardsApiRef);
  const { allowed: mayManage } = usePermission({
    permission: scorecardsInitiativeManagePermission,
  });
  const state = useAsyncRetry(async () => {
    const overviews = await api.listInitiatives();
    return Promise.all(overviews.map(item => api.getInitiative(item.id)));
  }, [api]);
  // undefined: no dialog; null: a new initiative; else the initiative being changed
  const [editing, setEditing] = useState<InitiativeDetail | null>();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const save = async (input: InitiativeInput) => {
    const changing = editing;
    setEditing(undefined);
    try {
      const saved = changing
        ? await api.updateInitiative(changing.id, input)
        : await api.createInitiative(input);
      setOutcome({
        ok: true,
        text: `Initiative “${saved.title}” ${changing ? 'saved' : 'created'}.`,
      });
      state.retry();
    } catch (error) {
      setOutcome({
        ok: false,
        text: `Not ${changing ? 'saved' : 'created'}: ${
          (error as Error).message
        }`,
      });
    }
  };
  return (
    <Flex direction="column" gap="3">
      <Flex align="center" gap="2">
        <Text variant="title-medium" as="h2">
          Initiatives
        </Text>
        {mayManage && (
          <Button variant="secondary" onPress={() => setEditing(null)}>
            New initiative
          </Button>
        )}
      </Flex>
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
          title="Could not load the initiatives"
        />
      )}
      {state.value?.length === 0 && <Text as="p">No initiative yet.</Text>}
      {state.value?.map(initiative => (
        <InitiativeCard
          key={initiative.id}
          initiative={initiative}
          onChange={mayManage ? () => setEditing(initiative) : undefined}
        />
      ))}
      {editing !== undefined && (
        <InitiativeDialog
          levels={levels}
          initiative={editing ?? undefined}
          isOpen
          onClose={() => setEditing(undefined)}
          onSave={save}
        />
      )}
    </Flex>
  );
}
