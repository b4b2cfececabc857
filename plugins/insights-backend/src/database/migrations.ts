import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** Where the plugin's knex migrations live and the table that records them. */
export const insightsMigrations = {
  directory: resolvePackagePath(
    '@internal/plugin-insights-backend',
    'migrations',
  ),
  tableName: 'insights_knex_migrations',
};
