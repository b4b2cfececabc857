/* eslint-disable */
// Runs the portal's Kubernetes backend in its own Node process: its Kubernetes client is an
// ES module loaded with a dynamic import, which Jest's module sandbox cannot run.
// Input: the app-config data and the entity (JSON in argv[2]); output: the port, on stdout.
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
