import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { registerAction } from '@internal/portal-actions';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  describeZodError,
  evaluateRequestSchema,
  readGroupRef,
  readinessAssessmentReadPermission,
} from '@internal/plugin-readiness-common';
import { ReadinessService } from '../services/ReadinessService/types';
import {
  evaluateInput,
  latestInput,
  latestOutput,
  readinessResultOutput,
} from './schemas';

/** Assessments are saved and read by signed-in users; the actions act for them only, as the routes do. */
function requireUser(credentials: BackstageCredentials) {
  if ((credentials.principal as { type: string }).type !== 'user') {
    throw new NotAllowedError(
      'the readiness actions act for a signed-in user only',
    );
  }
}

/**
 * Readiness as actions (exposed over MCP by the mcp-actions plugin): the model's request
 * schema, the readiness service, and `readiness.assessment.read` for saved assessments.
 */
export function createReadinessActions(options: {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  service: Pick<ReadinessService, 'evaluate' | 'list' | 'get'>;
}) {
  const { actionsRegistry, permissions, service } = options;

  registerAction(actionsRegistry, {
    name: 'evaluate-readiness',
    title: 'Evaluate platform readiness',
    description: `Evaluates the readiness table of "When to Adopt Platform Engineering" (team size, deployment friction, infrastructure complexity, developer complaints, shadow IT, onboarding time, context switching; each green, yellow or red) and, optionally, the maturity model.
Answers the verdict, the maturity per aspect and recommendations quoting the guides. Nothing is saved.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: evaluateInput, output: readinessResultOutput },
    action: async ({ input, credentials }) => {
      requireUser(credentials);
      const request = evaluateRequestSchema.safeParse(input);
      if (!request.success) {
        throw new InputError(describeZodError(request.error));
      }
      return { output: service.evaluate(request.data) };
    },
  });

  registerAction(actionsRegistry, {
    name: 'get-latest-readiness-assessment',
    title: "A team's latest readiness assessment",
    description: `The latest saved readiness and maturity assessment of a team (or of the organisation's group): answers, verdict, maturity, recommendations, author and date. The assessment is null when the group has none.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: latestInput, output: latestOutput },
    action: async ({ input, credentials }) => {
      requireUser(credentials);
      const [decision] = await permissions.authorize(
        [{ permission: readinessAssessmentReadPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Not allowed: ${readinessAssessmentReadPermission.name}`,
        );
      }
      const group = readGroupRef(input.group);
      if ('error' in group) throw new InputError(`group: ${group.error}`);
      const [latest] = await service.list({ groupRef: group.ref, limit: 1 });
      return {
        output: {
          groupRef: group.ref,
          assessment: latest ? await service.get(latest.id) : null,
        },
      };
    },
  });
}
