import { sendDeprecationNotices } from './deprecationNotices';
import { UpgradeStore } from '../database/UpgradeStore';

const versions = [
  { version: '1.2.0', date: '2026-12-03', changes: 'c', why: 'w' },
  {
    version: '1.1.0',
    date: '2026-11-30',
    changes: 'c',
    why: 'w',
    deprecated: { sunset: '2026-12-31', reason: 'The old CI stops.' },
  },
  { version: '1.0.0', date: '2026-11-23', changes: 'c', why: 'w' },
];

function entity(
  name: string,
  version: string,
  extra: Record<string, string> = {},
) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'acme.example/template': 'typescript-service',
        'acme.example/template-version': version,
        ...extra,
      },
    },
    spec: { owner: 'group:default/payments-team' },
  };
}

describe('sendDeprecationNotices', () => {
  it('tells the owners of services on a deprecated version, once', async () => {
    const told = new Set<string>();
    const store = {
      markDeprecationNotice: async (ref: string, version: string) => {
        const key = `${ref}@${version}`;
        if (told.has(key)) return false;
        told.add(key);
        return true;
      },
    } as unknown as UpgradeStore;
    const notifications = { send: jest.fn(async () => {}) };
    const run = () =>
      sendDeprecationNotices({
        entities: [
          entity('orders', '1.1.0'),
          entity('refunds', '1.0.0'),
          entity('ledger', '1.1.0', {
            'acme.example/golden-path-opt-out': 'Forked',
          }),
        ],
        versionsOf: async () => versions,
        store,
        notifications,
        today: '2026-12-04',
      });

    expect(await run()).toEqual(['component:default/orders']);
    expect(notifications.send).toHaveBeenCalledTimes(1);
    expect(notifications.send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'group:default/payments-team' },
      payload: expect.objectContaining({
        title: 'orders is on typescript-service 1.1.0, which is deprecated',
        // 2026-12-04 → 2026-12-31: 27 days
        description: expect.stringContaining(
          'its sunset is 2026-12-31 (27 days left). The old CI stops. The latest version is 1.2.0',
        ),
        severity: 'normal',
        topic: 'golden-path-deprecation',
      }),
    });
    expect(await run()).toEqual([]);
    expect(notifications.send).toHaveBeenCalledTimes(1);
  });
});
