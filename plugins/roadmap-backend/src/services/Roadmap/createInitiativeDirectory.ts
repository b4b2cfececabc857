import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ScorecardsClient } from '@internal/plugin-scorecards-common';
import { InitiativeDirectory } from './types';

/**
 * The scorecards backend's initiatives, read on behalf of the caller (so the scorecards'
 * own read permission applies).
 */
export function createInitiativeDirectory(options: {
  auth: AuthService;
  discovery: DiscoveryService;
}): InitiativeDirectory {
  const { auth, discovery } = options;
  return {
    async titles(ids, credentials) {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'scorecards',
      });
      const client = new ScorecardsClient({
        discoveryApi: discovery,
        fetchApi: {
          fetch: (input, init) =>
            fetch(input, {
              ...init,
              headers: {
                ...(init?.headers as Record<string, string> | undefined),
                Authorization: `Bearer ${token}`,
              },
            }),
        },
      });
      const known = new Map(
        (await client.listInitiatives()).map(initiative => [
          initiative.id.toLocaleLowerCase('en-US'),
          initiative.title,
        ]),
      );
      return ids.map((id, index) => {
        const title = known.get(id);
        if (title === undefined) {
          throw new InputError(
            `initiatives.${index}: no scorecard initiative ${id}`,
          );
        }
        return { id, title };
      });
    },
  };
}
