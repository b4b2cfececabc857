import { mockCredentials } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

export function mockLogger() {
  const logger: Record<string, jest.Mock> = {
    info: jest.fn(),
    warn: jest.fn(),
    error: jest.fn(),
    debug: jest.fn(),
  };
  logger.child = jest.fn(() => logger);
  return logger;
}

/**
 * A scaffolder action context with a mock logger, optional dry run, a checkpoint store and the
 * task's user (`user:default/mock` unless given).
 */
export function actionContext(options: {
  input: Record<string, unknown>;
  workspacePath?: string;
  isDryRun?: boolean;
  checkpoints?: Map<string, unknown>;
  user?: string;
}) {
  const checkpoints = options.checkpoints ?? new Map<string, unknown>();
  const base = createMockActionContext({
    input: options.input as any,
    workspacePath: options.workspacePath,
    logger: mockLogger() as any,
    templateInfo: {
      entityRef: 'template:default/typescript-service',
      baseUrl: 'file:///x',
    },
  });
  return {
    ...base,
    isDryRun: options.isDryRun ?? false,
    ...(options.user
      ? {
          user: { ref: options.user },
          getInitiatorCredentials: async () =>
            mockCredentials.user(options.user),
        }
      : {}),
    // Like the task engine: a key's first successful result is stored and replayed on retry.
    async checkpoint(opts: { key: string; fn: () => Promise<any> }) {
      if (checkpoints.has(opts.key)) return checkpoints.get(opts.key);
      const value = await opts.fn();
      checkpoints.set(opts.key, value);
      return value;
    },
  } as any;
}
