import { screen } from '@testing-library/react';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { DemoDataBanner } from './DemoDataBanner';

describe('DemoDataBanner', () => {
  it('says the page shows demo data when the portal runs on the demo organisation', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [configApiRef, mockApis.config({ data: { portal: { demo: true } } })],
        ]}
      >
        <DemoDataBanner />
      </TestApiProvider>,
    );
    expect(screen.getByRole('note')).toHaveTextContent(
      /^Demo data: a generated Acme Retail organisation/,
    );
  });

  it('shows nothing otherwise', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[configApiRef, mockApis.config({ data: {} })]]}>
        <DemoDataBanner />
      </TestApiProvider>,
    );
    expect(screen.queryByRole('note')).toBeNull();
  });
});
