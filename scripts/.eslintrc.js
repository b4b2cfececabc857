// Node scripts (ES modules): linted with the rules of the portal's command-line packages.
module.exports =
  require('@backstage/cli/config/eslint-factory').createConfigForRole(
    __dirname,
    'cli',
  );
