import { Flex } from '@backstage/ui';
import { DemoDataBanner } from '@internal/plugin-portal-react';
import { CiRunsCard } from './CiRunsCard';
import { EnvironmentsCard } from './EnvironmentsCard';

/** The Deployments tab of a component: its environments and its recent CI runs. */
export function DeploymentsContent() {
  return (
    <Flex direction="column" gap="4">
      <DemoDataBanner />
      <EnvironmentsCard />
      <CiRunsCard />
    </Flex>
  );
}
