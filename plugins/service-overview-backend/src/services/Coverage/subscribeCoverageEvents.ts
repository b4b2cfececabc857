import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { CoverageScanner } from './CoverageScanner';
import { RepositoryStore } from '../../database/RepositoryStore';

type RepositoryPayload = {
  action?: string;
  repository?: {
    name: string;
    html_url: string;
    description: string | null;
    pushed_at?: string | number | null;
    language?: string | null;
    archived?: boolean;
    default_branch?: string;
  };
  organization?: { login: string };
  changes?: { repository?: { name?: { from: string } } };
  ref?: string;
  commits?: Array<{ added?: string[] }>;
};

function pushedAt(value: string | number | null | undefined) {
  if (typeof value === 'number') return new Date(value * 1000).toISOString();
  return value ?? null;
}

/**
 * Keeps the coverage list fresh between scans from the events service's GitHub topics:
 * created, renamed and deleted repositories, and pushes that add a catalog file.
 */
export async function subscribeCoverageEvents(options: {
  events: EventsService;
  store: RepositoryStore;
  scanner: CoverageScanner;
  organizations: string[];
  catalogPath: string;
  logger: LoggerService;
}) {
  const orgs = new Set(options.organizations.map(o => o.toLocaleLowerCase('en-US')));
  const catalogFile = options.catalogPath.replace(/^\//, '');
  await options.events.subscribe({
    id: 'service-overview-coverage',
    topics: ['github.repository', 'github.push'],
    async onEvent({ topic, eventPayload }) {
      const payload = eventPayload as RepositoryPayload;
      const organization = payload.organization?.login;
      const repo = payload.repository;
      if (!organization || !repo || !orgs.has(organization.toLocaleLowerCase('en-US'))) return;
      const org = options.organizations.find(
        o => o.toLocaleLowerCase('en-US') === organization.toLocaleLowerCase('en-US'),
      )!;
      if (topic === 'github.push') {
        const branch = repo.default_branch;
        const added = (payload.commits ?? []).some(c => c.added?.includes(catalogFile));
        if (branch && payload.ref === `refs/heads/${branch}` && added) {
          await options.store.markInCatalog(org, repo.name);
        }
        return;
      }
      switch (payload.action) {
        case 'created':
        case 'unarchived':
          await options.scanner.addRepository(org, {
            ...repo,
            pushed_at: pushedAt(repo.pushed_at),
          });
          break;
        case 'renamed': {
          const from = payload.changes?.repository?.name?.from;
          if (from) await options.store.rename(org, from, repo.name, repo.html_url);
          break;
        }
        case 'deleted':
        case 'archived':
        case 'transferred':
          await options.store.remove(org, repo.name);
          break;
        default:
          return;
      }
      options.logger.info(`coverage: repository ${org}/${repo.name} ${payload.action}`);
    },
  });
}
