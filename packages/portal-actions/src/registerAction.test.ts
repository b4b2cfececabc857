import { mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { nulFreeString, registerAction, Zod } from './registerAction';

describe('registerAction', () => {
  const registry = () => {
    const mock = actionsRegistryServiceMock({
      logger: mockServices.logger.mock(),
    });
    const calls: unknown[] = [];
    registerAction(mock, {
      name: 'get-metrics',
      title: 'Metrics',
      description: 'Metrics of one team',
      attributes: { readOnly: true },
      schema: {
        input: (z: Zod) =>
          z
            .object({
              group: nulFreeString(z, 20).describe('A team'),
              weeks: z.number().int().min(1).max(104).optional(),
              window: z.object({ from: z.string() }).strict().optional(),
            })
            .strict(),
        output: (z: Zod) => z.object({ group: z.string() }),
      },
      action: async ({ input }) => {
        calls.push(input);
        return { output: { group: input.group } };
      },
    });
    return { mock, calls };
  };

  it('runs the action on valid input', async () => {
    const { mock, calls } = registry();
    await expect(
      mock.invoke({ id: 'test:get-metrics', input: { group: 'payments' } }),
    ).resolves.toEqual({ output: { group: 'payments' } });
    expect(calls).toEqual([{ group: 'payments' }]);
  });

  it.each([
    [{}, /^group: is required$/],
    [{ group: 'pay\u0000ments' }, /^group: contains a NUL character$/],
    [{ group: 'a'.repeat(21) }, /^group: String must contain at most 20/],
    [{ group: 'payments', weeks: 0 }, /^weeks: Number must be greater than/],
    [{ group: 'payments', weeks: 1.5 }, /^weeks: Expected integer/],
    [{ group: 7 }, /^group: Expected string, received number$/],
    [
      { group: 'payments', limit: 5, page: 2 },
      /^limit: is not an input of this action; page: is not an input of this action$/,
    ],
    [
      { group: 'payments', window: { from: 'x', to: 'y' } },
      /^window\.to: is not an input of this action$/,
    ],
    [
      { group: 'pay\u0000ments', weeks: 200 },
      /^group: contains a NUL character; weeks: Number must be less than or equal to 104$/,
    ],
  ])('refuses %j naming the field', async (input, message) => {
    const { mock, calls } = registry();
    const refusal = mock.invoke({ id: 'test:get-metrics', input });
    await expect(refusal).rejects.toMatchObject({ name: 'InputError' });
    await expect(refusal).rejects.toThrow(message);
    expect(calls).toEqual([]);
  });

  it('shows an assistant the same JSON schema as the plain zod schema', async () => {
    const { mock } = registry();
    const { actions } = await mock.list();
    expect(actions[0].schema.input).toMatchObject({
      type: 'object',
      required: ['group'],
      additionalProperties: false,
      properties: {
        group: { type: 'string', maxLength: 20, description: 'A team' },
        weeks: { type: 'integer', minimum: 1, maximum: 104 },
      },
    });
  });
});
