import { createApp } from './app.js';
import { readConfig } from './config.js';
{%- if values.database %}
import { createDatabase } from './database/database.js';
{%- endif %}
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';

const config = readConfig();
const logger = createLogger(${{ values.name | dump }}, config.logLevel);
{%- if values.database %}
const database = createDatabase(config.databaseUrl);
{%- endif %}
const server = createApp({
  name: ${{ values.name | dump }},
  logger,
  metrics: createMetrics(),
{%- if values.database %}
  ready: () => database.ping(),
{%- endif %}
});

server.listen(config.port, () => logger.info('listening', { port: config.port }));

// Kubernetes sends SIGTERM before stopping a pod: finish the requests in flight, then exit.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    logger.info('shutting down', { signal });
    server.close(async () => {
{%- if values.database %}
      await database.close();
{%- endif %}
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}
