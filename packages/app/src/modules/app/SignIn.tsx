import { SignInPage, SignInProviderConfig } from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';

const githubProvider: SignInProviderConfig = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message: 'Sign in with your GitHub account',
  apiRef: githubAuthApiRef,
};

/** Offers the sign-in options listed in `app.signIn.providers` (guest locally, GitHub in production). */
export function PortalSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const names = config.getOptionalStringArray('app.signIn.providers') ?? [
    'guest',
  ];
  const providers = names.map(name =>
    name === 'github' ? githubProvider : 'guest',
  );
  return (
    <SignInPage
      {...props}
      title="Acme Developer Portal"
      align="center"
      auto
      providers={providers as Array<SignInProviderConfig | 'guest'>}
    />
  );
}
