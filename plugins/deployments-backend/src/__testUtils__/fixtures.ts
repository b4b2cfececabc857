import { Entity } from '@backstage/catalog-model';

/** A deploy workflow as the golden paths generate it: environment (a choice) and ref. */
export const DEPLOY_WORKFLOW = `name: Deploy
run-name: Deploy \${{ inputs.ref }} to \${{ inputs.environment }}
on:
  workflow_dispatch:
    inputs:
      environment:
        description: Environment to deploy to
        type: choice
        options: [dev, staging, production]
        required: true
      ref:
        description: Commit SHA or tag to deploy
        type: string
        required: true
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    steps:
      - run: echo deploying
`;

/** A workflow that can be dispatched but takes no ref. */
export const WORKFLOW_WITHOUT_REF = `name: Deploy
on:
  workflow_dispatch:
    inputs:
      environment:
        type: string
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: echo deploying
`;

export function component(name: string, owner: string, slug?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      ...(slug ? { annotations: { 'github.com/project-slug': slug } } : {}),
    },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

/** A `deployment_status` delivery as GitHub sends it (the fields the plugin reads). */
export function deploymentStatus(d: {
  repository: string;
  id: number;
  environment: string;
  sha: string;
  ref?: string;
  state: string;
  at: string;
}) {
  return {
    action: 'created',
    repository: { full_name: d.repository },
    deployment: {
      id: d.id,
      sha: d.sha,
      ref: d.ref ?? d.sha,
      environment: d.environment,
      created_at: d.at,
    },
    deployment_status: { state: d.state, created_at: d.at },
  };
}
