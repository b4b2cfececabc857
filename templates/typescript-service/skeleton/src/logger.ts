/**
 * Structured logging: one JSON object per line on stdout, which the cluster's log collector
 * ships as is. Fields: time (ISO 8601), level, service, msg, plus any context passed in.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = Record<LogLevel, (msg: string, fields?: Record<string, unknown>) => void>;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(
  service: string,
  minLevel: LogLevel = 'info',
  write: (line: string) => void = line => process.stdout.write(`${line}\n`),
): Logger {
  const log = (level: LogLevel) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level, service, msg, ...fields }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
