import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { DocsBuildStrategy } from '@backstage/plugin-techdocs-node';

const RETRY_AFTER_MS = 60_000;

/**
 * Sites whose last build failed, by the site name TechDocs gives the generator (the entity's
 * title, else its name). Backstage waits a minute before rebuilding a site that built; a site
 * that failed would otherwise be rebuilt on every read, and each failed build in TechDocs 2.3
 * leaves a progress timer running for good. So a failed site waits a minute too.
 */
export class FailedBuilds {
  private readonly failedAt = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  recordFailure(siteName: string) {
    const time = this.now();
    for (const [name, at] of this.failedAt) {
      if (time - at >= RETRY_AFTER_MS) this.failedAt.delete(name);
    }
    this.failedAt.set(siteName, time);
  }

  recordSuccess(siteName: string) {
    this.failedAt.delete(siteName);
  }

  mayRetry(siteName: string): boolean {
    const at = this.failedAt.get(siteName);
    return at === undefined || this.now() - at >= RETRY_AFTER_MS;
  }
}

export function siteNameOf(entity: Entity): string {
  return entity.metadata.title ?? entity.metadata.name;
}

/** Backstage's default strategy (build locally when `techdocs.builder` is local) plus the wait. */
export function createBuildStrategy(
  config: Config,
  failedBuilds: FailedBuilds,
): DocsBuildStrategy {
  return {
    async shouldBuild({ entity }) {
      const builder = config.getOptionalString('techdocs.builder') ?? 'local';
      return builder === 'local' && failedBuilds.mayRetry(siteNameOf(entity));
    },
  };
}
