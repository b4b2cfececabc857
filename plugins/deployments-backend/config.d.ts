export interface Config {
  /** Deploy, promote and roll back from the portal through each service's deploy workflow. */
  deployments?: {
    /**
     * The environments in promotion order (a promotion goes to the next one). Default: dev,
     * staging, production (production marked as such).
     */
    environments?: Array<{
      /** The name the deploy workflow's `environment` input takes. */
      name: string;
      /**
       * A production environment: dispatching to it needs `deployments.dispatch.production`
       * (owning team or an approver group) instead of `deployments.dispatch`. Default: false.
       */
      production?: boolean;
      /**
       * The cluster (a `name` under `kubernetes.clusterLocatorMethods`) whose namespace
       * `<component>-<environment>` runs this environment, read to show the version running
       * there. Default: the first configured cluster, as the golden paths' environment action.
       */
      cluster?: string;
    }>;
    /** How long the portal waits for a cluster's answer, in milliseconds. Default: 5000. */
    clusterTimeoutMs?: number;
    /**
     * The deploy workflow's file under `.github/workflows/` of each service's repository.
     * Default: `deploy.yaml`.
     */
    workflow?: string;
    /**
     * The branch a commit SHA is deployed from (GitHub dispatches workflows on a branch or a
     * tag, never on a bare commit). Default: `main`.
     */
    workflowBranch?: string;
    /**
     * Group entity refs whose members may dispatch to production environments besides the
     * owning team's members. Default: none.
     */
    productionApprovers?: string[];
    /** The GitHub host of the services' repositories; it must match an `integrations.github` entry. Default: `github.com`. */
    githubHost?: string;
  };
}
