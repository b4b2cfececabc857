import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { createOctokit, CountingOctokit } from '@internal/github-octokit';

/**
 * Octokit clients for an organisation, authenticated through the portal's GitHub integration
 * (`integrations.github`: a token or a GitHub App) and pointed at its API base URL.
 */
export function githubClients(options: {
  config: RootConfigService;
  host: string;
  logger: LoggerService;
  retryAfterBaseValue?: number;
}): (organization: string) => Promise<CountingOctokit> {
  const integrations = ScmIntegrations.fromConfig(options.config);
  const integration = integrations.github.byHost(options.host);
  if (!integration) {
    throw new Error(
      `serviceOverview.github.host ${options.host} has no matching integrations.github entry`,
    );
  }
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return async organization => {
    const { token } = await credentials.getCredentials({
      url: `https://${options.host}/${organization}`,
    });
    return createOctokit({
      baseUrl: integration.config.apiBaseUrl ?? 'https://api.github.com',
      token,
      logger: options.logger,
      userAgent: 'acme-portal-service-overview',
      retryAfterBaseValue: options.retryAfterBaseValue,
    });
  };
}
