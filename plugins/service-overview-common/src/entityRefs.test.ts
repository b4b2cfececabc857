import { readEntityRef } from './entityRefs';

describe('readEntityRef', () => {
  it.each([
    ['cart-service', 'component:default/cart-service'],
    ['Component:Shop/Cart_Service.v2', 'component:shop/cart_service.v2'],
    ['api:payments-api', 'api:default/payments-api'],
  ])('reads %p', (value, ref) => {
    expect(readEntityRef(value, 'component')).toBe(ref);
  });

  it.each([
    'component:default/cart\u0000',
    '\u0000',
    'component:default/',
    'component:default/a b',
    'component:default/ünïcode',
    'component:default/a\u001b',
    'compo nent:default/a',
    'component:default/-leading',
    `component:default/${'x'.repeat(64)}`,
    '',
  ])('refuses %j', value => {
    expect(readEntityRef(value, 'component')).toBeUndefined();
  });
});
