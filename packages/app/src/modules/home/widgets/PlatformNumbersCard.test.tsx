import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { PlatformNumbersCard } from './PlatformNumbersCard';

type Entity = NonNullable<
  NonNullable<Parameters<typeof catalogApiMock>[0]>['entities']
>[number];

const entity = (
  kind: string,
  name: string,
  spec: Record<string, string> = {},
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec,
});

const docs = { 'backstage.io/techdocs-ref': 'dir:.' };

describe('PlatformNumbersCard', () => {
  it('counts what the catalog holds, by kind, and the components with docs', async () => {
    const catalogApi = catalogApiMock({
      entities: [
        entity('Component', 'checkout-service', { type: 'service' }, docs),
        entity('Component', 'payment-gateway', { type: 'service' }, docs),
        entity('Component', 'ui-kit', { type: 'library' }),
        entity('API', 'payments-api', { type: 'openapi' }),
        entity('System', 'checkout'),
        entity('Group', 'payments-team', { type: 'team' }),
        entity('Group', 'data-team', { type: 'team' }),
        entity('Group', 'acme', { type: 'organization' }),
      ],
    });

    await renderInTestApp(<PlatformNumbersCard />, { apis: [catalogApi] });

    // 3 components, 1 API, 1 system; teams are groups of type team (2 of the 3 groups).
    expect(await screen.findByLabelText('Components')).toHaveTextContent('3');
    expect(screen.getByLabelText('APIs')).toHaveTextContent('1');
    expect(screen.getByLabelText('Systems')).toHaveTextContent('1');
    expect(screen.getByLabelText('Teams')).toHaveTextContent('2');
    expect(
      screen.getByText('2 of 3 components have TechDocs.'),
    ).toBeInTheDocument();
  });
});
