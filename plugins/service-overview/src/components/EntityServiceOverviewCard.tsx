import { ApiErrorPanel, DemoDataBanner } from '@internal/plugin-portal-react';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Grid, Typography } from '@material-ui/core';
import { ServiceOverview } from '@internal/plugin-service-overview-common';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { serviceOverviewApiRef } from '../api';
import { EntityRefLink } from './refs';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Grid item xs={12} sm={6}>
      <Typography variant="caption" color="textSecondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Grid>
  );
}

function Runtime({ overview }: { overview: ServiceOverview }) {
  const { runtime } = overview;
  if (!runtime.kubernetesId)
    return <>Not on Kubernetes (no backstage.io/kubernetes-id)</>;
  const where = `${runtime.kubernetesId}${
    runtime.namespace ? ` in namespace ${runtime.namespace}` : ''
  }`;
  if (runtime.clusters.length === 0) {
    return <>{where}; no Kubernetes cluster is configured in the portal yet</>;
  }
  return (
    <>
      {where} on {runtime.clusters.join(', ')} (
      <Link to="kubernetes">workloads</Link>)
    </>
  );
}

function Deployment({ overview }: { overview: ServiceOverview }) {
  const d = overview.latestDeployment;
  if (!d) return null;
  return (
    <Field label="Latest deployment">
      {d.latestWeekStart
        ? `week of ${d.latestWeekStart.slice(0, 10)}; ${
            d.deployments
          } deployments in the last ${d.windowDays} days`
        : `none in the last ${d.windowDays} days`}
    </Field>
  );
}

export function OverviewFields({ overview }: { overview: ServiceOverview }) {
  const links = [
    overview.repository,
    overview.docs,
    ...overview.dashboards,
  ].filter((l): l is NonNullable<typeof l> => Boolean(l));
  return (
    <Grid container spacing={2}>
      <Field label="Owner">
        {overview.owner ? (
          <>
            <EntityRefLink
              entityRef={overview.owner.entityRef}
              title={overview.owner.title}
            />
            {!overview.owner.exists && ' (not in the catalog)'}
          </>
        ) : (
          'none'
        )}
      </Field>
      <Field label="On call">
        {overview.owner?.onCall ? (
          <EntityRefLink entityRef={overview.owner.onCall} />
        ) : (
          'not set'
        )}
        {overview.owner?.email && (
          <>
            {' · '}
            <Link to={`mailto:${overview.owner.email}`}>
              {overview.owner.email}
            </Link>
          </>
        )}
      </Field>
      <Field label="System">
        {overview.system ? (
          <EntityRefLink entityRef={overview.system} />
        ) : (
          'none'
        )}
      </Field>
      <Field label="Lifecycle">{overview.lifecycle ?? 'unknown'}</Field>
      <Field label="Golden path">
        {overview.goldenPath
          ? `${overview.goldenPath.template}${
              overview.goldenPath.version
                ? ` ${overview.goldenPath.version}`
                : ''
            }`
          : 'not created from a golden path'}
      </Field>
      <Field label="Runs on">
        <Runtime overview={overview} />
      </Field>
      <Field label="Links">
        {links.length === 0
          ? 'none'
          : links.map((l, i) => (
              <span key={l.url}>
                {i > 0 && ' · '}
                <Link to={l.url}>{l.title}</Link>
              </span>
            ))}
      </Field>
      <Deployment overview={overview} />
    </Grid>
  );
}

/** The entity overview card: what a team asks first about a component. */
export function EntityServiceOverviewCard() {
  const { entity } = useEntity();
  const api = useApi(serviceOverviewApiRef);
  const ref = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getOverview(ref),
    [api, ref],
  );
  return (
    <InfoCard title="Service overview">
      <DemoDataBanner />
      {loading && <Progress />}
      {error && <ApiErrorPanel error={error} />}
      {value && (
        <div role="region" aria-label="Service overview">
          <OverviewFields overview={value} />
        </div>
      )}
    </InfoCard>
  );
}
