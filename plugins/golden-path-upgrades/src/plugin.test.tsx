import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { goldenPathUpgradeCard } from './plugin';

const entity = (kind: string, annotations: Record<string, string> = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'checkout', annotations },
});

describe('the golden path card', () => {
  const filter = createExtensionTester(goldenPathUpgradeCard).get(
    EntityCardBlueprint.dataRefs.filterFunction,
  );

  it.each([
    {
      what: 'a component made from a golden path',
      kind: 'Component',
      annotated: true,
      shown: true,
    },
    {
      what: 'a component made by hand',
      kind: 'Component',
      annotated: false,
      shown: false,
    },
    {
      what: 'an API with the annotation',
      kind: 'API',
      annotated: true,
      shown: false,
    },
  ])('$what: shown $shown', ({ kind, annotated, shown }) => {
    const annotations: Record<string, string> = annotated
      ? { 'acme.example/template': 'typescript-service' }
      : {};
    expect(filter!(entity(kind, annotations))).toBe(shown);
  });
});
