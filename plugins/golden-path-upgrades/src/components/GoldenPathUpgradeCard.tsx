import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity, useEntityOwnership } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Alert,
  Badge,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Link,
  Skeleton,
  Text,
} from '@backstage/ui';
import {
  compareVersions,
  GoldenPathAdoptResult,
  GoldenPathAdoption,
  GoldenPathEntityStatus,
  GoldenPathPrepareResult,
  GoldenPathTemplateSummary,
  GoldenPathUpgrade,
  goldenPathUpgradesPreparePermission,
} from '@internal/plugin-golden-path-upgrades-common';
import { ApiErrorPanel } from '@internal/plugin-portal-react';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { goldenPathUpgradesApiRef } from '../api';
import { deprecationText, upgradeLabel, versionCount } from './format';

const NOT_PERMITTED =
  "Preparing the upgrade needs membership of the team that owns this component, or the platform admins' permission.";

const RESULT_TITLES: Record<GoldenPathPrepareResult['state'], string> = {
  prepared: 'Upgrade prepared',
  unchanged: 'The prepared upgrade is already up to date',
  'nothing-to-change': 'Nothing to change',
  'up-to-date': 'Already on the latest version',
  'opted-out': 'Opted out of upgrades',
  merged: 'This upgrade was already merged',
  closed: 'This upgrade was closed without merging',
  'not-a-golden-path': 'No golden path record in the repository',
  'no-repository': 'No repository known for this component',
  'team-commits-kept':
    'Your team has pushed to the upgrade branch: it is left as it is',
};

const DONE = new Set([
  'prepared',
  'unchanged',
  'nothing-to-change',
  'up-to-date',
]);

function UpgradeLink({ upgrade }: { upgrade: GoldenPathUpgrade }) {
  return upgrade.url ? (
    <Link href={upgrade.url}>{upgradeLabel(upgrade)}</Link>
  ) : (
    <>{upgradeLabel(upgrade)}</>
  );
}

function NeedsAPerson({ files }: { files: string[] }) {
  if (files.length === 0) return null;
  return (
    <Flex direction="column" gap="1">
      <Text variant="body-small" weight="bold">
        Needs a person
      </Text>
      <ul aria-label="Files needing a person" style={{ margin: 0 }}>
        {files.map(file => (
          <li key={file}>
            <code>{file}</code>
          </li>
        ))}
      </ul>
    </Flex>
  );
}

function PrepareOutcome({ result }: { result: GoldenPathPrepareResult }) {
  const conflicts = result.upgrade?.conflicts ?? [];
  const ok = DONE.has(result.state) && conflicts.length === 0;
  return (
    <Alert
      role="status"
      status={ok ? 'success' : 'warning'}
      icon
      title={
        result.to
          ? `${RESULT_TITLES[result.state]} (${result.to})`
          : RESULT_TITLES[result.state]
      }
      description={
        <Flex direction="column" gap="1">
          {result.reason && <Text variant="body-small">{result.reason}</Text>}
          {result.state === 'team-commits-kept' && (
            <Text variant="body-small">
              Merge or delete <code>{result.branch}</code> to receive the next
              upgrade there.
            </Text>
          )}
          {result.upgrade && <UpgradeLink upgrade={result.upgrade} />}
          <NeedsAPerson files={conflicts} />
        </Flex>
      }
    />
  );
}

function adoptionText(adoption: GoldenPathAdoption): string {
  const how =
    adoption.method === 'inferred'
      ? `inferred by the portal${
          adoption.linesDiffering === undefined
            ? ''
            : `, ${adoption.linesDiffering} lines differ from its render`
        }`
      : `stated by ${adoption.adoptedBy}`;
  return `Adopted as ${adoption.template} ${adoption.version} (${how}); the upgrade adds .golden-path.json.`;
}

/**
 * A repository without `.golden-path.json`: its team states the version it was made from, or
 * lets the portal infer it; the upgrade prepared right after writes the record.
 */
function Adopt(props: {
  status: GoldenPathEntityStatus;
  onAdopt: (version: string | undefined) => Promise<void>;
  adopting: boolean;
}) {
  const [version, setVersion] = useState('');
  return (
    <Flex direction="column" gap="2">
      <Text variant="body-small">
        This repository was made before golden paths recorded what they made (it
        has no <code>.golden-path.json</code>). Say which version of{' '}
        {props.status.template ?? 'its golden path'} it was made from, or let
        the portal find the version whose render is closest to it.
      </Text>
      <Flex align="center" gap="2">
        <label>
          <Text variant="body-small">Made from </Text>
          <select
            aria-label="Made from version"
            value={version}
            onChange={e => setVersion(e.target.value)}
          >
            <option value="">the closest version (let the portal infer)</option>
            {(props.status.versions ?? []).map(v => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <Button
          size="small"
          isPending={props.adopting}
          onPress={() => props.onAdopt(version || undefined)}
        >
          Adopt and prepare upgrade
        </Button>
      </Flex>
    </Flex>
  );
}

/** The versions newer than the service's, newest first, with what changed and why. */
function Changelog(props: {
  status: GoldenPathEntityStatus;
  template?: GoldenPathTemplateSummary;
}) {
  const current = props.status.version;
  if (!current || !props.template || props.status.behind === 0) return null;
  const newer = props.template.versions.filter(
    v => compareVersions(v.version, current) > 0,
  );
  if (newer.length === 0) return null;
  return (
    <Flex direction="column" gap="1">
      <Text as="h3" variant="title-x-small">
        What the newer versions bring
      </Text>
      <ul aria-label="Changelog" style={{ margin: 0 }}>
        {newer.map(v => (
          <li key={v.version}>
            <Text variant="body-small" weight="bold">
              {v.version} ({v.date})
            </Text>{' '}
            <Text variant="body-small">
              {v.changes} Why: {v.why}
            </Text>
          </li>
        ))}
      </ul>
    </Flex>
  );
}

function whyNot(
  status: GoldenPathEntityStatus,
  allowed: boolean,
): string | undefined {
  if (!status.template) return 'This component is not on a golden path.';
  if (status.optOutReason) return `Opted out: ${status.optOutReason}`;
  if (status.behind === 0) return 'Already on the latest version.';
  if (!allowed) return NOT_PERMITTED;
  return undefined;
}

/** A component made from a golden path: its version, what it is behind, and its upgrade. */
export function GoldenPathUpgradeCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(goldenPathUpgradesApiRef);
  const status = useAsyncRetry(
    () => api.getEntityStatus(entityRef),
    [api, entityRef],
  );
  const templates = useAsync(() => api.getTemplates(), [api]);
  const permission = usePermission({
    permission: goldenPathUpgradesPreparePermission,
  });
  const ownership = useEntityOwnership();
  const [preparing, setPreparing] = useState(false);
  const [result, setResult] = useState<GoldenPathPrepareResult>();
  const [failure, setFailure] = useState<Error>();
  const [adopting, setAdopting] = useState(false);
  const [adopted, setAdopted] = useState<GoldenPathAdoptResult>();

  const adopt = async (version: string | undefined) => {
    setAdopting(true);
    setFailure(undefined);
    try {
      const answer = await api.adopt(entityRef, version ? { version } : {});
      setAdopted(answer);
      setResult(answer.result);
      status.retry();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setAdopting(false);
    }
  };

  const prepare = async () => {
    setPreparing(true);
    setResult(undefined);
    setFailure(undefined);
    try {
      setResult(await api.prepareUpgrade(entityRef));
      status.retry();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setPreparing(false);
    }
  };

  const value = status.value;
  const template = templates.value?.find(t => t.template === value?.template);
  const checking = permission.loading || ownership.loading;
  const allowed = permission.allowed || ownership.isOwnedEntity(entity);
  const reason = value && !checking ? whyNot(value, allowed) : undefined;
  const upgrade = value?.upgrade;
  const deprecation = deprecationText(value?.deprecation);

  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small">
          Golden path
        </Text>
      </CardHeader>
      <CardBody>
        {status.error && (
          <ApiErrorPanel
            error={status.error}
            title="Could not load the golden path status"
          />
        )}
        {status.loading && !value && (
          <Skeleton width="100%" height={120} aria-label="Loading" />
        )}
        {value && (
          <Flex direction="column" gap="3">
            <Flex align="center" gap="2">
              <Text variant="body-medium">
                {value.template ?? 'No golden path'}
                {value.version ? ` ${value.version}` : ''}
                {value.latest ? `, latest ${value.latest}` : ''}
              </Text>
              {value.template && (
                <Badge size="small">
                  {value.behind === 0
                    ? 'up to date'
                    : `${versionCount(value.behind)} behind`}
                </Badge>
              )}
            </Flex>
            {deprecation && (
              <Alert
                status={
                  value.deprecation?.state === 'sunset' ? 'danger' : 'warning'
                }
                title={`${value.version}: ${deprecation}`}
                description={value.deprecation?.reason}
              />
            )}
            {value.optOutReason && (
              <Text as="p" variant="body-small">
                Opted out of upgrades: {value.optOutReason}
              </Text>
            )}
            <Changelog status={value} template={template} />
            {templates.error && value.behind > 0 && (
              <ApiErrorPanel
                error={templates.error}
                title="Could not load the changelog"
              />
            )}
            {upgrade && (
              <Flex direction="column" gap="1">
                <Text variant="body-small">
                  Upgrade to {upgrade.toVersion}: {upgrade.state}
                  {upgrade.updatedAt
                    ? `, updated ${upgrade.updatedAt.slice(0, 10)}`
                    : ''}{' '}
                  · <UpgradeLink upgrade={upgrade} />
                </Text>
                {upgrade.state === 'open' && (
                  <NeedsAPerson files={upgrade.conflicts} />
                )}
              </Flex>
            )}
            <Flex align="center" gap="2">
              <Button
                size="small"
                isDisabled={checking || Boolean(reason)}
                isPending={preparing}
                onPress={prepare}
              >
                Prepare upgrade now
              </Button>
              {reason && <Text variant="body-small">{reason}</Text>}
            </Flex>
            {preparing && (
              <Alert
                role="status"
                status="info"
                isPending
                title="Preparing the upgrade"
                description="Rendering both versions and merging them into the default branch; this takes a few seconds."
              />
            )}
            {value.adoption && !adopted && (
              <Text as="p" variant="body-small">
                {adoptionText(value.adoption)}
              </Text>
            )}
            {adopted && (
              <Text as="p" variant="body-small" role="status">
                {adoptionText(adopted.adoption)}
              </Text>
            )}
            {result?.state === 'not-a-golden-path' && allowed && !adopted && (
              <Adopt status={value} onAdopt={adopt} adopting={adopting} />
            )}
            {result && <PrepareOutcome result={result} />}
            {failure && (
              <ApiErrorPanel
                error={failure}
                title="The upgrade was not prepared"
              />
            )}
          </Flex>
        )}
      </CardBody>
    </Card>
  );
}
