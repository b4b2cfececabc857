export interface Config {
  /** The golden paths' scaffolder actions and their local git host. */
  goldenPaths?: {
    /**
     * Folder of the local git host's repositories (`git/`) and working copies
     * (`git-checkouts/`). Relative paths are resolved from the backend's working directory.
     * Default: `.data` in the repository root (the folder holding `backstage.json`).
     */
    dataDir?: string;
  };
}
