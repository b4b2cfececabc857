import { normaliseScope, scopeGroup } from './scope';

describe('scopes', () => {
  it.each([
    ['organisation', 'organisation'],
    ['Organisation', 'organisation'],
    ['group:default/Payments-Team', 'group:default/payments-team'],
    ['payments-team', undefined],
    ['user:default/jane', undefined],
    ['group:default/', undefined],
    ['group:default/a\u0000b', undefined],
  ])('%p is %p', (value, expected) => {
    expect(normaliseScope(value)).toBe(expected);
  });

  it('narrows insights and costs to the group, not for the organisation', () => {
    expect(scopeGroup('organisation')).toBeUndefined();
    expect(scopeGroup('group:default/a')).toBe('group:default/a');
  });
});
