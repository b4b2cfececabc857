export interface Config {
  app: {
    signIn?: {
      /**
       * Sign-in options offered on the sign-in page, in order: `guest` for local use,
       * `github` when the GitHub auth provider is configured.
       * @visibility frontend
       */
      providers?: Array<'guest' | 'github'>;
    };
  };
}
