/**
 * The PostgreSQL databases the backend tests run on.
 *
 * @packageDocumentation
 */
import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * Every PostgreSQL version Backstage's test utilities know. `./portal test` provides one
 * (the machine's server, or an embedded one) through its connection-string variable; the
 * others are skipped. SQLite is left out on purpose: nothing runs on it in production.
 */
export const POSTGRES_TEST_DATABASE_IDS = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
] as const;

/** Test databases on PostgreSQL only: use with `describe.each(databases.eachSupportedId())`. */
export function createPostgresTestDatabases(): TestDatabases {
  return TestDatabases.create({ ids: [...POSTGRES_TEST_DATABASE_IDS] });
}
