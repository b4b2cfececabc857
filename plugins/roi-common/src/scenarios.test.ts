import {
  createScenarioSchema,
  parseBody,
  updateScenarioSchema,
} from './scenarios';
import { formatFieldErrors } from './model/inputs';
import { SEED_EXAMPLE_INPUTS } from './seedExample';

const scenario = { name: 'Business case', inputs: SEED_EXAMPLE_INPUTS };

function errorsOf(schema: Parameters<typeof parseBody>[0], body: unknown) {
  const r = parseBody(schema, body);
  if (r.ok) throw new Error('expected the validation to fail');
  return formatFieldErrors(r.errors);
}

describe('scenario bodies', () => {
  it('accepts a scenario and lower-cases the groups it is shared with', () => {
    const r = parseBody(createScenarioSchema, {
      ...scenario,
      description: 'Line one\n\tLine two, Zoë 💥',
      sharedWithGroups: ['group:default/Finance-Team'],
    });
    expect(r).toMatchObject({
      ok: true,
      value: { sharedWithGroups: ['group:default/finance-team'] },
    });
  });

  it.each([
    [
      { ...scenario, name: 'a\u0000b' },
      'name: must not contain control characters',
    ],
    [
      { ...scenario, name: 'a\u001bb' },
      'name: must not contain control characters',
    ],
    [
      { ...scenario, description: 'x\u0000' },
      'description: must not contain control characters',
    ],
    [
      { ...scenario, sharedWithGroups: ['group:default/team\u0000'] },
      'sharedWithGroups.0: must be a group entity ref',
    ],
    [
      { ...scenario, sharedWithGroups: ['group:default/a b'] },
      'sharedWithGroups.0: must be a group entity ref',
    ],
    [
      { ...scenario, sharedWithGroups: ['group:default/'] },
      'sharedWithGroups.0: must be a group entity ref',
    ],
    [
      { ...scenario, name: 'a\ud800b' },
      'name: must not contain control characters',
    ],
    [
      { ...scenario, description: 'orphan \udc00' },
      'description: must not contain control characters',
    ],
  ])('refuses %j', (body, message) => {
    expect(errorsOf(createScenarioSchema, body)).toContain(message);
  });

  it.each([2147483648, 1e19, 0, 1.5])('refuses version %p', version => {
    expect(errorsOf(updateScenarioSchema, { ...scenario, version })).toContain(
      'version: must be the version number the edit started from',
    );
  });
});
