import { Content, Header, Page, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Grid,
  Text,
} from '@backstage/ui';
import { ApiErrorPanel } from '@internal/plugin-portal-react';
import {
  compareQuarters,
  PhaseProgress,
  phaseName,
  ProgressCounts,
  quarterOf,
  roadmapManagePermission,
  roadmapPhaseInfo,
  RoadmapItem,
  RoadmapItemInput,
} from '@internal/plugin-roadmap-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { roadmapApiRef } from '../api';
import { ItemDialog, STATUS } from './ItemDialog';
import { ProposalsSection } from './ProposalsSection';

/** "2 of 5 done (40 %)", or "No item yet" where there is nothing to measure. */
export function progressText(counts: ProgressCounts): string {
  if (counts.doneShare === null) return 'No item yet';
  return `${counts.done} of ${counts.total} done (${Math.round(
    counts.doneShare * 100,
  )} %)`;
}

function ProgressBar({
  counts,
  label,
}: {
  counts: ProgressCounts;
  label: string;
}) {
  const percent = Math.round((counts.doneShare ?? 0) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={progressText(counts)}
      style={{
        height: 6,
        background: 'var(--bui-bg-neutral-2, #e0e0e0)',
        borderRadius: 3,
      }}
    >
      <div
        style={{
          width: `${percent}%`,
          height: '100%',
          background: 'var(--bui-positive-bg, #2e7d32)',
          borderRadius: 3,
        }}
      />
    </div>
  );
}

function ItemEntry(props: {
  item: RoadmapItem;
  onEdit?: () => void;
  showPhase?: boolean;
}) {
  const { item } = props;
  return (
    <section aria-label={`Item ${item.title}`}>
      <Flex align="center" gap="2">
        <Text variant="body-medium" weight="bold">
          {item.title}
        </Text>
        {props.onEdit && (
          <Button
            size="small"
            variant="tertiary"
            aria-label={`Change ${item.title}`}
            onPress={props.onEdit}
          >
            Change
          </Button>
        )}
      </Flex>
      <Text as="p" variant="body-small">
        {STATUS[item.status]} ·{' '}
        {props.showPhase ? phaseName(item.phase) : item.targetQuarter}
      </Text>
      {item.description && (
        <Text as="p" variant="body-small">
          {item.description}
        </Text>
      )}
      {[...item.recommendations, ...item.initiatives].length > 0 && (
        <Text as="p" variant="body-small">
          Answers:{' '}
          {[
            ...item.recommendations.map(link => link.title),
            ...item.initiatives.map(link => `Initiative “${link.title}”`),
          ].join('; ')}
        </Text>
      )}
    </section>
  );
}

function PhaseColumn(props: {
  progress: PhaseProgress;
  items: RoadmapItem[];
  onEdit?: (item: RoadmapItem) => void;
}) {
  const info = roadmapPhaseInfo[props.progress.phase];
  return (
    <Card aria-label={info.name}>
      <CardHeader>
        <Text variant="title-small">{info.name}</Text>
        <Text as="p" variant="body-small">
          {info.timeline}: {info.focus}
        </Text>
        <Text as="p" variant="body-small">
          {progressText(props.progress)}
        </Text>
        <ProgressBar counts={props.progress} label={`${info.name} progress`} />
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          {props.items.length === 0 && <Text as="p">Nothing planned.</Text>}
          {props.items.map(item => (
            <ItemEntry
              key={item.id}
              item={item}
              onEdit={props.onEdit ? () => props.onEdit!(item) : undefined}
            />
          ))}
        </Flex>
      </CardBody>
    </Card>
  );
}

/** The items by target quarter, the earliest first. */
function QuarterView({ items }: { items: RoadmapItem[] }) {
  const quarters = [...new Set(items.map(item => item.targetQuarter))].sort(
    compareQuarters,
  );
  return (
    <Flex direction="column" gap="3">
      <Text variant="title-medium" as="h2">
        By quarter
      </Text>
      {quarters.length === 0 && <Text as="p">No item yet.</Text>}
      <Grid.Root columns={{ initial: '1', md: '4' }} gap="3">
        {quarters.map(quarter => (
          <Card key={quarter} aria-label={`Quarter ${quarter}`}>
            <CardHeader>
              <Text variant="title-small">{quarter}</Text>
            </CardHeader>
            <CardBody>
              <Flex direction="column" gap="3">
                {items
                  .filter(item => item.targetQuarter === quarter)
                  .map(item => (
                    <ItemEntry key={item.id} item={item} showPhase />
                  ))}
              </Flex>
            </CardBody>
          </Card>
        ))}
      </Grid.Root>
    </Flex>
  );
}

/**
 * The platform team's public roadmap: by seed 004's phase and by quarter, with the progress of
 * each phase, and the developers' proposals with their votes.
 */
export function RoadmapPage() {
  const api = useApi(roadmapApiRef);
  const { allowed: mayManage } = usePermission({
    permission: roadmapManagePermission,
  });
  const state = useAsyncRetry(() => api.getRoadmap(), [api]);
  // undefined: no dialog; null: a new item; else the item being changed
  const [editing, setEditing] = useState<RoadmapItem | null>();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();

  const save = async (input: RoadmapItemInput) => {
    const changing = editing;
    setEditing(undefined);
    try {
      const saved = changing
        ? await api.updateItem(changing.id, input)
        : await api.createItem(input);
      setOutcome({ ok: true, text: `Item “${saved.title}” saved.` });
    } catch (error) {
      setOutcome({ ok: false, text: `Not saved: ${(error as Error).message}` });
    }
    state.retry();
  };

  const roadmap = state.value;
  return (
    <Page themeId="tool">
      <Header
        title="Roadmap"
        subtitle="What the platform team is building, phase by phase, and what developers asked for"
      />
      <Content>
        <Flex direction="column" gap="5">
          {state.loading && !roadmap && <Progress />}
          {state.error && (
            <ApiErrorPanel
              error={state.error}
              title="Could not load the roadmap"
            />
          )}
          {outcome && (
            <Alert
              status={outcome.ok ? 'success' : 'danger'}
              role="status"
              title={outcome.text}
            />
          )}
          {roadmap && (
            <>
              <Flex align="center" gap="3">
                <Text variant="title-medium" as="h2">
                  By phase
                </Text>
                <Text aria-label="Overall progress">
                  {progressText(roadmap.progress.overall)}
                </Text>
                {mayManage && (
                  <Button variant="secondary" onPress={() => setEditing(null)}>
                    New item
                  </Button>
                )}
              </Flex>
              <ProgressBar
                counts={roadmap.progress.overall}
                label="Roadmap progress"
              />
              <Grid.Root columns={{ initial: '1', md: '4' }} gap="3">
                {roadmap.progress.phases.map(progress => (
                  <PhaseColumn
                    key={progress.phase}
                    progress={progress}
                    items={roadmap.items.filter(
                      item => item.phase === progress.phase,
                    )}
                    onEdit={mayManage ? setEditing : undefined}
                  />
                ))}
              </Grid.Root>
              <QuarterView items={roadmap.items} />
            </>
          )}
          <ProposalsSection mayAnswer={mayManage} onAnswered={state.retry} />
        </Flex>
        {editing !== undefined && (
          <ItemDialog
            item={editing ?? undefined}
            currentQuarter={quarterOf(new Date())}
            onClose={() => setEditing(undefined)}
            onSave={save}
          />
        )}
      </Content>
    </Page>
  );
}
