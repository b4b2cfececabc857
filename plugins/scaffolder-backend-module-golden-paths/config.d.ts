export interface Config {
  /** The golden paths' scaffolder actions and their local git host. */
  goldenPaths?: {
    /**
     * Folder of the local git host's repositories (`git/`) and working copies
     * (`git-checkouts/`). Relative paths are resolved from the backend's working directory.
     * Default: `.data` in the repository root (the folder holding `backstage.json`).
     */
    dataDir?: string;
    /** Databases of the golden paths' services (`acme:database:create`). */
    databases?: {
      /** Per environment (dev, staging, production); an environment not listed gets none. */
      environments?: {
        [environment: string]: {
          /**
           * `postgres`: a PostgreSQL server the platform team runs (a database and owner role per
           * service on it). `cloudnativepg`: a CloudNativePG Cluster per service in its
           * namespace, on the Kubernetes cluster of `kubernetes.clusterLocatorMethods`.
           */
          provider: 'postgres' | 'cloudnativepg';
          /**
           * postgres: name of the environment variable holding the admin connection string
           * (postgresql://admin:password@host:5432/postgres). The string itself is never in config.
           */
          adminConnectionEnv?: string;
          /** cloudnativepg: PostgreSQL instances per Cluster (1 to 9). Default 1. */
          instances?: number;
          /** cloudnativepg: each instance's volume. */
          storage?: {
            /** A quantity in Mi, Gi or Ti, e.g. 10Gi. */
            size: string;
            /** Default: the cluster's default StorageClass. */
            storageClass?: string;
          };
          /** cloudnativepg: continuous backups to an object store (Barman). None when absent. */
          backup?: {
            /** e.g. s3://acme-db-backups/production; `/<namespace>` is appended per Cluster. */
            destinationPath: string;
            /** S3-compatible endpoint, when not AWS. */
            endpointURL?: string;
            /**
             * Name of the Secret, in each service namespace, with the keys ACCESS_KEY_ID and
             * ACCESS_SECRET_KEY; the platform team provides it.
             */
            credentialsSecret: string;
            /** e.g. 30d, 4w, 3m. Default 30d. */
            retentionPolicy?: string;
          };
        };
      };
    };
  };
}
