import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { identityApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { GoldenPathUpgradesApi, goldenPathUpgradesApiRef } from '../api';
import { GoldenPathUpgradeCard } from '../components/GoldenPathUpgradeCard';
import { checkoutStatus, typescriptService } from './fixtures';

/** A component made from typescript-service, owned by `owner`. */
export const component = (name: string, owner = 'payments-team') => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'acme.example/template': 'typescript-service' },
  },
  spec: { type: 'service', lifecycle: 'production', owner },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

/**
 * Renders the card of `entity` (checkout by default) over a mocked client. usePermission caches
 * its answer per permission for a whole test file, so a file tests one answer of it.
 */
export async function renderCard(options: {
  api?: Partial<GoldenPathUpgradesApi>;
  /** Whether golden-path-upgrades.prepare is granted. */
  permitted?: boolean;
  /** The signed-in person's ownership refs. */
  ownership?: string[];
  entity?: ReturnType<typeof component>;
}) {
  const api = {
    getEntityStatus: jest.fn(async () => checkoutStatus),
    getTemplates: jest.fn(async () => [typescriptService]),
    prepareUpgrade: jest.fn(),
    adopt: jest.fn(),
    ...options.api,
  };
  await renderInTestApp(
    <EntityProvider entity={options.entity ?? component('checkout')}>
      <GoldenPathUpgradeCard />
    </EntityProvider>,
    {
      apis: [
        [goldenPathUpgradesApiRef, api as GoldenPathUpgradesApi],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/elena.rossi',
            ownershipEntityRefs: options.ownership ?? [
              'user:default/elena.rossi',
            ],
          }),
        ],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: () =>
              options.permitted ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          }),
        ],
      ],
    },
  );
  return api;
}
