module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // The browser journeys run in Node (Playwright), not in the browser bundle.
      files: ['e2e-tests/**'],
      rules: { 'no-restricted-imports': 'off' },
    },
  ],
});
