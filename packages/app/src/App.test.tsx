import { render, waitFor } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it("opens on the portal's sign-in page", async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: {
              title: 'Acme Developer Portal',
              signIn: { providers: ['guest'] },
            },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    // Nobody is signed in yet: the portal's own sign-in page, with the guest option.
    await waitFor(
      () => {
        expect(
          rendered.getAllByText('Acme Developer Portal').length,
        ).toBeGreaterThan(0);
      },
      { timeout: 30_000 },
    );
    expect(rendered.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
  }, 60_000);
});
