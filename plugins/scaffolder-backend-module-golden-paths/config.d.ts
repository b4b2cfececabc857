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
          /** `postgres`: a PostgreSQL server the platform team runs. */
          provider: 'postgres';
          /**
           * Name of the environment variable holding the admin connection string
           * (postgresql://admin:password@host:5432/postgres). The string itself is never in config.
           */
          adminConnectionEnv: string;
        };
      };
    };
  };
}
