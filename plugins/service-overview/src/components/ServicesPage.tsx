import { Content, Header, Page } from '@backstage/core-components';
import { DemoDataBanner } from '@internal/plugin-portal-react';
import { Tab, Tabs } from '@material-ui/core';
import { useState } from 'react';
import { HygieneTable } from './HygieneTable';
import { ServicesTable } from './ServicesTable';

/** Every component with what a team asks first, and the catalog's hygiene problems. */
export function ServicesPage() {
  const [tab, setTab] = useState<'services' | 'hygiene'>('services');
  return (
    <Page themeId="tool">
      <Header
        title="Services"
        subtitle="Who owns what, who is on call, where it runs and where its docs are"
      />
      <Content>
        <DemoDataBanner />
        <Tabs
          value={tab}
          onChange={(_e, v) => setTab(v)}
          indicatorColor="primary"
        >
          <Tab value="services" label="Services" />
          <Tab value="hygiene" label="Catalog hygiene" />
        </Tabs>
        {tab === 'services' ? <ServicesTable /> : <HygieneTable />}
      </Content>
    </Page>
  );
}
