import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DemoDataBanner } from '@internal/plugin-portal-react';
import { TeamScorecardView } from './TeamScorecard';

/** The Scorecards tab of a Group: the team page of that group. */
export function GroupScorecardContent() {
  const { entity } = useEntity();
  return (
    <>
      <DemoDataBanner />
      <TeamScorecardView
        ownerRef={stringifyEntityRef(entity).toLocaleLowerCase('en-US')}
      />
    </>
  );
}
