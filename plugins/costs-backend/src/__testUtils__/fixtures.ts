import { Entity } from '@backstage/catalog-model';

/** A component of the sample organisation, with its owner and annotations. */
export function component(
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

/** The unit prices of the tests: 0.04 per core-hour, 0.005 per GiB-hour, 0.10 per GiB-month. */
export const PRICES = {
  cpuCoreHour: 0.04,
  memoryGiBHour: 0.005,
  storageGiBMonth: 0.1,
  currency: 'EUR',
};
