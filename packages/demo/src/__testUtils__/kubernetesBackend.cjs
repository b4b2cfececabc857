/* eslint-disable */
// Backstage's Kubernetes backend in a Node process of its own: it loads @kubernetes/client-node,
// an ES module, with a dynamic import, which Jest's module sandbox cannot run.
// Input (JSON in argv[2]): the app-config data and the catalog's entities.
// Output: `PORT=<port>` on stdout once it listens.
const {
  startTestBackend,
  mockServices,
} = require('@backstage/backend-test-utils');
const {
  catalogServiceMock,
} = require('@backstage/plugin-catalog-node/testUtils');

async function main() {
  const { config, entities } = JSON.parse(process.argv[2]);
  const { server } = await startTestBackend({
    features: [
      require('@backstage/plugin-kubernetes-backend').default,
      mockServices.rootConfig.factory({ data: config }),
      catalogServiceMock.factory({ entities }),
    ],
  });
  process.stdout.write(`PORT=${server.address().port}\n`);
}

main().catch(error => {
  process.stderr.write(String(error.stack ?? error));
  process.exit(1);
});
