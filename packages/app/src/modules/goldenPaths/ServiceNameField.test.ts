import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { validateServiceName } from './ServiceNameField';

function context(entities: Array<{ kind: string }>) {
  const getEntities = jest.fn(async () => ({ items: entities }));
  return {
    getEntities,
    context: {
      apiHolder: {
        get: (ref: { id: string }) =>
          ref.id === catalogApiRef.id ? ({ getEntities } as any) : undefined,
      },
      formData: {},
      schema: {},
    } as any,
  };
}

describe('validateServiceName', () => {
  it('refuses a name an entity of any kind already has', async () => {
    const { context: ctx, getEntities } = context([
      { kind: 'Component' },
      { kind: 'Resource' },
    ]);
    const addError = jest.fn();
    await validateServiceName('orders-api', { addError } as any, ctx);
    expect(getEntities).toHaveBeenCalledWith({
      filter: { 'metadata.name': 'orders-api' },
      fields: ['kind', 'metadata.name'],
    });
    expect(addError).toHaveBeenCalledWith(
      '"orders-api" is already in the catalog (Component, Resource); choose another name',
    );
  });

  it('accepts a free name', async () => {
    const { context: ctx } = context([]);
    const addError = jest.fn();
    await validateServiceName('orders-api', { addError } as any, ctx);
    expect(addError).not.toHaveBeenCalled();
  });

  it('leaves malformed names to the schema pattern, without asking the catalog', async () => {
    const { context: ctx, getEntities } = context([{ kind: 'Component' }]);
    const addError = jest.fn();
    await validateServiceName('Not_Valid', { addError } as any, ctx);
    expect(getEntities).not.toHaveBeenCalled();
    expect(addError).not.toHaveBeenCalled();
  });
});
