/**
 * A local stand-in for GitHub's REST and GraphQL APIs, for tests and benchmarks: real clients
 * pointed at it through their base URL get answers checked against GitHub's own OpenAPI
 * description and GraphQL schema.
 *
 * @packageDocumentation
 */
export { GithubStandIn } from './GithubStandIn';
export { GitHttpHost } from './git';
export {
  branchProtectionRuleWebhook,
  branchProtectionWebhooks,
  restBranchProtection,
  serveBranches,
} from './branches';
export { serveApp } from './app';
export { GithubActions, createdFilter, serveActions } from './actions';
export type {
  ActionsOptions,
  RunSchedule,
  SeedWorkflowRun,
  StandInWorkflow,
  StandInWorkflowRun,
  WorkflowDispatch,
  WorkflowRunConclusion,
  WorkflowRunStatus,
} from './actions';
export type { StandInApp } from './app';
export type { Fault, RouteAnswer } from './GithubStandIn';
export { githubExample, validateGithubResponse } from './openapi';
export { connection, executeGithubGraphql } from './graphql';
export type { GraphqlRoot } from './graphql';
export {
  GithubOrganization,
  restRepository,
  serveOrganizations,
} from './organization';
export type {
  BranchProtectionChange,
  StandInRepository,
  StandInTeam,
  StandInUser,
} from './organization';
export { webhookExample, webhookHeaders } from './webhooks';
export { serveSample } from './serve';
export { generateHistory, utcMidnight } from './demo/history';
export type {
  DemoCommit,
  DemoDeployment,
  DemoHistory,
  DemoIssue,
  DemoPullRequest,
  DemoWorkflowRun,
  HistoryRepository,
  HistorySpec,
} from './demo/history';
export { doraTruth } from './demo/truth';
export type { Band, DoraTruth } from './demo/truth';
export {
  demoHistory,
  HISTORY_FIXTURE,
  loadHistorySpec,
} from './demo/demoOrganization';
export { loadSampleOrganization, SAMPLE_FIXTURE } from './sample';
export { DemoTrickle } from './demo/trickle';
export type { TrickleEvent } from './demo/trickle';
