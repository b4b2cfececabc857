/** Settings of the service, read once from the environment (twelve-factor style). */
export type Config = {
  port: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
{%- if values.database %}
  /** PostgreSQL connection string, e.g. postgres://user:password@host:5432/db */
  databaseUrl: string | undefined;
{%- endif %}
};

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got ${env.PORT}`);
  }
  const level = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LEVELS.includes(level)) {
    throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got ${env.LOG_LEVEL}`);
  }
  return {
    port,
    logLevel: level,
{%- if values.database %}
    databaseUrl: env.DATABASE_URL,
{%- endif %}
  };
}
