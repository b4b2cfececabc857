import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actionContext } from '../__testUtils__/context';
import { LocalGitEntityProvider } from '../catalog/LocalGitEntityProvider';
import { LocalGitHost } from '../lib/LocalGitHost';
import { localGitPaths } from '../lib/paths';
import { createRegisterLocalAction } from './registerLocal';

const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders-api
spec: { type: service, lifecycle: experimental, owner: group:default/payments-team }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: orders-api-db
spec: { type: database, owner: group:default/payments-team }
`;

describe('acme:catalog:register-local', () => {
  let dataDir: string;
  let host: LocalGitHost;
  let provider: LocalGitEntityProvider;
  let mutations: any[];
  let catalogInfoPath: string;
  const catalog = {
    validateEntity: jest.fn(async () => ({ valid: true as const })),
    getEntityByRef: jest.fn(),
  };

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-reg-'));
    host = new LocalGitHost(localGitPaths(dataDir));
    catalogInfoPath = path.join(
      dataDir,
      'git-checkouts',
      'orders-api',
      'catalog-info.yaml',
    );
    fs.mkdirSync(path.dirname(catalogInfoPath), { recursive: true });
    fs.writeFileSync(catalogInfoPath, CATALOG_INFO);
    mutations = [];
    const connection: EntityProviderConnection = {
      applyMutation: async mutation => void mutations.push(mutation),
      refresh: async () => {},
    };
    provider = new LocalGitEntityProvider(host);
    await provider.connect(connection);
    catalog.getEntityByRef.mockReset();
    catalog.validateEntity.mockClear();
  });

  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const register = (input: Record<string, unknown>) => {
    const ctx = actionContext({ input });
    const action = createRegisterLocalAction({
      host,
      provider,
      catalog: catalog as any,
    });
    return { ctx, done: action.handler(ctx) };
  };

  it('emits a file Location for the working copy and waits for the component', async () => {
    catalog.getEntityByRef
      .mockResolvedValueOnce(undefined)
      .mockResolvedValue({ kind: 'Component' });
    const { ctx, done } = register({ catalogInfoPath });
    await done;
    const last = mutations.at(-1);
    expect(last.type).toBe('full');
    expect(last.entities).toHaveLength(1);
    expect(last.entities[0].entity).toMatchObject({
      kind: 'Location',
      spec: { type: 'file', target: catalogInfoPath },
    });
    expect(catalog.validateEntity).toHaveBeenCalledTimes(2);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'component:default/orders-api',
      expect.anything(),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/orders-api',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      `file:${catalogInfoPath}`,
    );
  });

  it('is idempotent: registering again yields the same single location', async () => {
    catalog.getEntityByRef.mockResolvedValue({ kind: 'Component' });
    await register({ catalogInfoPath }).done;
    await register({ catalogInfoPath }).done;
    expect(mutations.at(-1).entities).toHaveLength(1);
    expect(mutations.at(-1)).toEqual(mutations.at(-2));
  });

  it('refuses files outside the working copies', async () => {
    await expect(
      register({ catalogInfoPath: '/etc/passwd' }).done,
    ).rejects.toThrow(
      'catalogInfoPath: /etc/passwd is not in a working copy of the local git host',
    );
    expect(mutations).toHaveLength(1); // only the initial connect
  });

  it('refuses invalid entities before registering anything', async () => {
    catalog.validateEntity.mockResolvedValueOnce({
      valid: false,
      errors: [{ name: 'InputError', message: 'spec.owner is missing' }],
    } as any);
    await expect(register({ catalogInfoPath }).done).rejects.toThrow(
      'component:default/orders-api is not a valid catalog entity: spec.owner is missing',
    );
    expect(mutations).toHaveLength(1);
  });

  it('warns, without failing, when the catalog is slower than the wait', async () => {
    catalog.getEntityByRef.mockResolvedValue(undefined);
    const { ctx, done } = register({ catalogInfoPath, waitSeconds: 0 });
    await done;
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('is not in the catalog yet'),
    );
  });
});
