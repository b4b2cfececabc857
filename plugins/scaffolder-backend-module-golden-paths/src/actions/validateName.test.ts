import { UserInfoService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { actionContext } from '../__testUtils__/context';
import { HOSTILE_SUFFIXES } from '../__testUtils__/hostile';
import { createValidateNameAction } from './validateName';

function group(name: string, members: string[], type = 'team'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type, children: [] },
    relations: members.map(member => ({
      type: 'hasMember',
      targetRef: `user:default/${member}`,
    })),
  };
}

function user(name: string, memberOf: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf },
    relations: memberOf.map(g => ({
      type: 'memberOf',
      targetRef: `group:default/${g}`,
    })),
  };
}

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-service', namespace: 'default' },
    spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'orders-db', namespace: 'default' },
    spec: { type: 'database', owner: 'payments-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { owner: 'payments-team' },
  },
  group('platform-team', ['jonas.weber']),
  group('payments-team', ['elena.rossi']),
  group('leadership', ['sofia.lindqvist'], 'business-unit'),
  user('jonas.weber', ['platform-team']),
  user('elena.rossi', ['payments-team']),
  // Listed by the group only: the catalog's hasMember relation is enough.
  user('ines.garcia', []),
  user('camille.martin', []),
];
entities
  .find(e => e.metadata.name === 'payments-team')!
  .relations!.push({
    type: 'hasMember',
    targetRef: 'user:default/ines.garcia',
  });

/** Ownership claims as the auth backend issues them; the catalog's users get theirs from memberOf. */
const claims: Record<string, string[]> = {
  'user:development/guest': [
    'user:development/guest',
    'group:default/payments-team',
  ],
};
const userInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: claims[ref] ?? [ref] };
  },
};

const catalog = catalogServiceMock({ entities });

const withCluster = new ConfigReader({
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          { name: 'dev', url: 'https://k8s:6443', serviceAccountToken: 't' },
        ],
      },
    ],
  },
});

const valid = {
  name: 'orders-api',
  description: 'Takes orders from the web shop, and hands them to fulfilment.',
  owner: 'group:default/payments-team',
  system: 'system:default/checkout',
};

async function validate(
  input: Record<string, unknown>,
  options: {
    config?: ConfigReader;
    checkpoints?: Map<string, unknown>;
    user?: string;
  } = {},
) {
  const ctx = actionContext({
    input: { ...valid, ...input },
    checkpoints: options.checkpoints,
    user: options.user ?? 'user:default/elena.rossi',
  });
  await createValidateNameAction({
    catalog,
    config: options.config ?? new ConfigReader({}),
    userInfo,
  }).handler(ctx);
  return ctx;
}

describe('acme:validate-name', () => {
  afterEach(() => jest.restoreAllMocks());

  it('accepts a free DNS-1123 name and reports whether Kubernetes is configured', async () => {
    const ctx = await validate({ name: 'orders-api', environments: ['dev'] });
    expect(ctx.output).toHaveBeenCalledWith('kubernetesConfigured', false);
    const ctx2 = await validate(
      { name: 'orders-api' },
      { config: withCluster },
    );
    expect(ctx2.output).toHaveBeenCalledWith('kubernetesConfigured', true);
    expect(ctx2.output).toHaveBeenCalledWith('clusters', ['dev']);
  });

  it.each([
    ['Orders', /name: "Orders" must consist of lower-case letters/],
    ['orders_api', /must consist of lower-case letters/],
    ['-orders', /start and end with a letter or digit/],
    ['x'.repeat(64), /must be at most 63 characters, got 64/],
    ['../etc', /must consist of lower-case letters/],
  ])('refuses the invalid name %j', async (name, message) => {
    await expect(validate({ name })).rejects.toThrow(message);
  });

  it('refuses a name already in the catalog', async () => {
    await expect(validate({ name: 'checkout-service' })).rejects.toThrow(
      'name: "checkout-service" is already taken in the catalog by component:default/checkout-service; choose another name',
    );
  });

  it('refuses, before anything is published, a name too long for a CloudNativePG Cluster', async () => {
    const cnpg = new ConfigReader({
      goldenPaths: {
        databases: {
          environments: {
            staging: { provider: 'cloudnativepg', storage: { size: '1Gi' } },
          },
        },
      },
    });
    // 48 characters: a 51-character Cluster "<name>-db", over CloudNativePG's 50.
    const name = `orders-${'a'.repeat(41)}`;
    await expect(
      validate(
        { name, environments: ['staging'], database: true },
        { config: cnpg },
      ),
    ).rejects.toThrow(
      /^name: the Cluster ".*-db" must be at most 50 characters/,
    );
    // The same name without a database, or where the environment has no Cluster, is fine.
    await expect(
      validate(
        { name, environments: ['staging'], database: false },
        { config: cnpg },
      ),
    ).resolves.toBeDefined();
    await expect(
      validate({ name, environments: ['staging'], database: true }),
    ).resolves.toBeDefined();
  });

  it('refuses a name whose database resource is taken', async () => {
    await expect(validate({ name: 'orders', database: true })).rejects.toThrow(
      /taken in the catalog by resource:default\/orders-db/,
    );
    await expect(
      validate({ name: 'orders', database: false }),
    ).resolves.toBeDefined();
  });

  it('refuses a name whose namespace would be longer than 63 characters', async () => {
    // 'x' × 53 + '-production' = 53 + 11 = 64 characters.
    await expect(
      validate({ name: 'x'.repeat(53), environments: ['production'] }),
    ).rejects.toThrow(
      /namespace .* would have 64 characters \(at most 63\); use at most 52 characters/,
    );
    await expect(
      validate({ name: 'x'.repeat(52), environments: ['production'] }),
    ).resolves.toBeDefined();
  });

  it('refuses environments the golden paths do not know', async () => {
    await expect(validate({ environments: ['dev', 'qa'] })).rejects.toThrow(
      'environments: "qa" is not one of dev, staging, production',
    );
  });

  it('replays its first answer when the task is retried after registering the entity', async () => {
    const checkpoints = new Map<string, unknown>([
      ['validate-name-checkout-service', []],
    ]);
    await expect(
      validate({ name: 'checkout-service' }, { checkpoints }),
    ).resolves.toBeDefined();
  });

  describe('the owner', () => {
    it('accepts a member of the owning team, by the user entity or by the group', async () => {
      const ctx = await validate({}, { user: 'user:default/elena.rossi' });
      expect(ctx.logger.info).toHaveBeenCalledWith(
        'user:default/elena.rossi may create components owned by group:default/payments-team (a member)',
      );
      await expect(
        validate({}, { user: 'user:default/ines.garcia' }),
      ).resolves.toBeDefined();
    });

    it('accepts a user whose ownership claims name the team (the local guest)', async () => {
      await expect(
        validate({}, { user: 'user:development/guest' }),
      ).resolves.toBeDefined();
      await expect(
        validate(
          { owner: 'group:default/platform-team' },
          { user: 'user:development/guest' },
        ),
      ).rejects.toThrow(
        'owner: user:development/guest is not a member of group:default/platform-team',
      );
    });

    it('accepts a platform admin for any team, from permission.platformAdmins', async () => {
      const ctx = await validate({}, { user: 'user:default/jonas.weber' });
      expect(ctx.logger.info).toHaveBeenCalledWith(
        expect.stringContaining('(a platform admin)'),
      );
      await expect(
        validate(
          {},
          {
            user: 'user:default/jonas.weber',
            config: new ConfigReader({
              permission: { platformAdmins: ['group:default/leadership'] },
            }),
          },
        ),
      ).rejects.toThrow(/is not a member of group:default\/payments-team/);
    });

    it('refuses a user who is not a member of the owning team', async () => {
      const refused = validate({}, { user: 'user:default/camille.martin' });
      await expect(refused).rejects.toThrow(
        'owner: user:default/camille.martin is not a member of group:default/payments-team; choose a team you belong to (platform admins may choose any team)',
      );
      await expect(refused).rejects.toMatchObject({ name: 'NotAllowedError' });
    });

    it('refuses a task without a signed-in user', async () => {
      const ctx = actionContext({ input: valid });
      ctx.getInitiatorCredentials = async () => mockCredentials.service();
      await expect(
        createValidateNameAction({
          catalog,
          config: new ConfigReader({}),
          userInfo,
        }).handler(ctx),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
    });

    it.each([
      [
        'group:default/data-team',
        /owner: group:default\/data-team is not a Group in the catalog/,
      ],
      ['group:default/checkout', /is not a Group in the catalog/],
      [
        'group:default/leadership',
        /is a Group of type business-unit, not a team/,
      ],
    ])('refuses %s', async (owner, message) => {
      await expect(
        validate({ owner }, { user: 'user:default/jonas.weber' }),
      ).rejects.toThrow(message);
    });

    it('refuses a system that is not a System in the catalog', async () => {
      await expect(
        validate({ system: 'system:default/payments-team' }),
      ).rejects.toThrow(
        'system: system:default/payments-team is not a System in the catalog',
      );
    });
  });

  describe('hostile values posted without the form', () => {
    const spy = () => jest.spyOn(catalog, 'getEntityByRef');

    it.each(
      ['name', 'owner', 'system'].flatMap(parameter =>
        HOSTILE_SUFFIXES.map(
          ([what, suffix]) => [parameter, what, suffix] as const,
        ),
      ),
    )(
      'refuses %s with %s before reading the catalog',
      async (parameter, _, suffix) => {
        const lookups = spy();
        const value = `${
          (valid as Record<string, string>)[parameter]
        }${suffix}`;
        const refused = validate(
          { [parameter]: value },
          { user: 'user:default/jonas.weber' },
        );
        await expect(refused).rejects.toThrow(new RegExp(`^${parameter}: `));
        await expect(refused).rejects.toMatchObject({ name: 'InputError' });
        expect(lookups).not.toHaveBeenCalled();
      },
    );

    // Quotes, a comment closer and commas are ordinary text in a description.
    const plainText = ['double quotes', 'single quotes', 'a comment closer'];
    it.each(HOSTILE_SUFFIXES.filter(([what]) => !plainText.includes(what)))(
      'refuses a description with %s',
      async (_, suffix) => {
        await expect(
          validate({ description: `Takes orders${suffix}` }),
        ).rejects.toThrow(/^description: .* must be one line of text/);
      },
    );

    it('accepts a description with quotes, accents and punctuation', async () => {
      await expect(
        validate({
          description: `Bestellungen für "Kunden" & O'Brien's team: 50% faster (v2) */`,
        }),
      ).resolves.toBeDefined();
    });

    it.each([
      'github.com?owner=acme-retail&repo=orders-api&owner=evil',
      'github.com?owner=acme-retail&repo=../orders',
      'evil.example?owner=acme-retail&repo=orders-api',
      'github.com?owner=acme-retail&repo=orders-api\n---',
    ])('refuses the repository %j', async repoUrl => {
      await expect(validate({ repoUrl })).rejects.toThrow(/^repoUrl: /);
    });
  });
});
