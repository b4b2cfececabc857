import net from 'node:net';
import { checkDatabase } from './checkDatabase';

describe('checkDatabase', () => {
  it('asks for the connection settings when POSTGRES_HOST is missing', async () => {
    await expect(checkDatabase({})).resolves.toMatch(
      /^POSTGRES_HOST is not set/,
    );
  });

  it('names host and port when nothing answers there', async () => {
    // Bind and release a port so that, for a moment, nothing listens on it.
    const server = net.createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise(resolve => server.close(resolve));

    const message = await checkDatabase({
      POSTGRES_HOST: '127.0.0.1',
      POSTGRES_PORT: String(port),
      POSTGRES_USER: 'postgres',
    });
    expect(message).toMatch(
      new RegExp(`^Cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}: `),
    );
    expect(message).not.toContain('\n');
  });

  it('answers nothing when the server from the test run is reachable', async () => {
    const url = Object.entries(process.env).find(([name]) =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(name),
    )?.[1];
    if (!url) throw new Error('run the tests through `./portal test`');
    const { hostname, port, username, password } = new URL(url);
    await expect(
      checkDatabase({
        POSTGRES_HOST: hostname,
        POSTGRES_PORT: port,
        POSTGRES_USER: decodeURIComponent(username),
        POSTGRES_PASSWORD: decodeURIComponent(password),
      }),
    ).resolves.toBeUndefined();
  });
});
