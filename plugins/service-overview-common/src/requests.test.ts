import { InputError } from '@backstage/errors';
import {
  toHygienePageRequest,
  toOverviewRequest,
  toUncataloguedPageRequest,
} from './requests';

describe('the service overview requests', () => {
  it('reads the overview ref in the catalog form, a bare name being a component', () => {
    expect(toOverviewRequest({ entityRef: 'Cart-Service' })).toEqual({
      entityRef: 'component:default/cart-service',
    });
    expect(toOverviewRequest({ entityRef: 'API:Shop/orders' })).toEqual({
      entityRef: 'api:shop/orders',
    });
  });

  it.each(['component:default/', 'a:b:c', `${'x'.repeat(64)}`])(
    'refuses %p naming entityRef',
    entityRef => {
      expect(() => toOverviewRequest({ entityRef })).toThrow(InputError);
      expect(() => toOverviewRequest({ entityRef })).toThrow(/^entityRef: /);
    },
  );

  it('applies the page defaults', () => {
    expect(toHygienePageRequest()).toEqual({ limit: 25 });
    expect(toHygienePageRequest({ cursor: 'abc', limit: 5 })).toEqual({
      cursor: 'abc',
      limit: 5,
    });
    expect(toUncataloguedPageRequest()).toEqual({ offset: 0, limit: 25 });
    expect(
      toUncataloguedPageRequest({ offset: 3, limit: 7, organization: 'acme' }),
    ).toEqual({ offset: 3, limit: 7, organization: 'acme' });
  });

  it('refuses an offset written as -0, which the schema compares equal to 0', () => {
    expect(() => toUncataloguedPageRequest({ offset: -0 })).toThrow(
      /^offset: /,
    );
  });
});
