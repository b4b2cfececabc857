import { workflowInputProblem } from './workflow';

const dispatchable = (inputs: unknown) => ({
  on: { workflow_dispatch: { inputs } },
  jobs: {},
});

describe('workflowInputProblem', () => {
  it.each([
    [
      'environment as a choice that offers it, and ref',
      dispatchable({
        environment: { type: 'choice', options: ['dev', 'staging'] },
        ref: { type: 'string', required: true },
      }),
      undefined,
    ],
    [
      'environment as a free string',
      dispatchable({ environment: { type: 'string' }, ref: {} }),
      undefined,
    ],
    [
      // an input with no settings is written `ref:` in YAML, which parses to null
      'inputs declared without settings',
      dispatchable({ environment: null, ref: null }),
      undefined,
    ],
    [
      'a choice that does not offer staging',
      dispatchable({
        environment: { type: 'choice', options: ['dev', 'production'] },
        ref: {},
      }),
      'does not offer the environment staging (its choices: dev, production)',
    ],
    [
      'no ref input',
      dispatchable({ environment: { type: 'string' } }),
      'does not accept the input ref under on.workflow_dispatch.inputs',
    ],
    [
      // `workflow_dispatch:` with nothing under it parses to null: no inputs at all
      'workflow_dispatch without inputs',
      { on: { workflow_dispatch: null } },
      'does not accept the inputs environment and ref under on.workflow_dispatch.inputs',
    ],
    [
      'only push and pull_request',
      { on: ['push', 'pull_request'] },
      'has no workflow_dispatch trigger',
    ],
    [
      'on: workflow_dispatch as a string',
      { on: 'workflow_dispatch' },
      'does not accept the inputs environment and ref under on.workflow_dispatch.inputs',
    ],
    ['a YAML list', ['on'], 'has no workflow_dispatch trigger'],
    ['a scalar', 'deploy', 'is not a YAML mapping'],
    ['an empty file', null, 'is not a YAML mapping'],
  ])('%s: %s', (_, definition, expected) => {
    expect(workflowInputProblem(definition, 'staging')).toBe(expected);
  });
});
