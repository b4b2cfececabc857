import { ConfigReader } from '@backstage/config';
import { createBuildStrategy, FailedBuilds } from './failedBuilds';

const entity = (name: string, title?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, ...(title ? { title } : {}) },
});

describe('FailedBuilds', () => {
  let time = 0;
  const failedBuilds = new FailedBuilds(() => time);
  const strategy = createBuildStrategy(
    new ConfigReader({ techdocs: { builder: 'local' } }),
    failedBuilds,
  );

  it('makes a site whose build failed wait a minute, and no other site', async () => {
    failedBuilds.recordFailure('Hooked docs');
    time += 59_000;
    await expect(
      strategy.shouldBuild({ entity: entity('hooked', 'Hooked docs') }),
    ).resolves.toBe(false);
    await expect(
      strategy.shouldBuild({ entity: entity('fine') }),
    ).resolves.toBe(true);
    time += 1_000;
    await expect(
      strategy.shouldBuild({ entity: entity('hooked', 'Hooked docs') }),
    ).resolves.toBe(true);
  });

  it('forgets a failure once the site builds', async () => {
    failedBuilds.recordFailure('fixed');
    failedBuilds.recordSuccess('fixed');
    await expect(
      strategy.shouldBuild({ entity: entity('fixed') }),
    ).resolves.toBe(true);
  });

  it('builds nothing when TechDocs are built outside the portal', async () => {
    const external = createBuildStrategy(
      new ConfigReader({ techdocs: { builder: 'external' } }),
      new FailedBuilds(),
    );
    await expect(
      external.shouldBuild({ entity: entity('fine') }),
    ).resolves.toBe(false);
  });
});
