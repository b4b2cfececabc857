import type { z as zod } from 'zod/v3';
import type { Zod } from '@internal/portal-actions';
import {
  MAX_PAGE_SIZE,
  ServiceOverview,
  UncataloguedRepository,
} from '@internal/plugin-service-overview-common';

/**
 * The actions registry describes its actions with zod 3 (`zod/v3`), our packages use zod 4:
 * these schemas give an MCP client the shape of the input and output; the common package's
 * checks (the routes') still run on every call.
 */
/** A GitHub organisation login, as the coverage route takes it. */
const ORGANIZATION = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;

export const overviewInput = (z: Zod) =>
  z
    .object({
      entityRef: z
        .string()
        .min(1)
        .max(400)
        .describe(
          'The entity: ref such as component:default/checkout (a bare name is a component)',
        ),
    })
    .strict();

const link = (z: Zod) => z.object({ title: z.string(), url: z.string() });

export const overviewOutput = (z: Zod) =>
  z.object({
    entityRef: z.string(),
    name: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
    type: z.string().optional(),
    lifecycle: z.string().optional(),
    system: z.string().optional(),
    owner: z
      .object({
        entityRef: z.string(),
        title: z.string().optional(),
        exists: z.boolean(),
        onCall: z.string().optional(),
        email: z.string().optional(),
      })
      .optional(),
    goldenPath: z
      .object({ template: z.string(), version: z.string().optional() })
      .optional(),
    repository: link(z).optional(),
    docs: link(z).optional(),
    dashboards: z.array(link(z)),
    kubernetesId: z.string().optional(),
    namespace: z.string().optional(),
    runtime: z.object({
      kubernetesId: z.string().optional(),
      namespace: z.string().optional(),
      clusters: z.array(z.string()),
    }),
    latestDeployment: z
      .object({
        deployments: z.number(),
        windowDays: z.number(),
        latestWeekStart: z.string().optional(),
      })
      .optional(),
  });

export const uncataloguedInput = (z: Zod) =>
  z
    .object({
      organization: z
        .string()
        .regex(ORGANIZATION, 'not a GitHub organisation name')
        .optional()
        .describe('Only this GitHub organisation (its login)'),
      offset: z.number().int().min(0).max(1_000_000).optional(),
      limit: z
        .number()
        .int()
        .min(1)
        .max(MAX_PAGE_SIZE)
        .optional()
        .describe(`Page size, 1 to ${MAX_PAGE_SIZE} (default 25)`),
    })
    .strict();

const repository = (z: Zod) =>
  z.object({
    organization: z.string(),
    name: z.string(),
    url: z.string(),
    description: z.string().optional(),
    lastPushAt: z.string().optional(),
    language: z.string().optional(),
    likelyOwner: z.string().optional(),
    likelyOwnerSource: z.enum(['codeowners', 'admin-team']).optional(),
  });

export const uncataloguedOutput = (z: Zod) =>
  z.object({
    items: z.array(repository(z)),
    totalItems: z.number(),
  });

/** Compile-time guard: the output schemas describe exactly the model's answers. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const outputsMatchTheModel: [
  Same<zod.infer<ReturnType<typeof overviewOutput>>, ServiceOverview>,
  Same<zod.infer<ReturnType<typeof repository>>, UncataloguedRepository>,
] = [true, true];
