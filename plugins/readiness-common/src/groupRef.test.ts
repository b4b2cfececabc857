import { isStorableText, normalizeGroupRef } from './groupRef';

describe('normalizeGroupRef', () => {
  it.each([
    ['payments-team', 'group:default/payments-team'],
    ['group:payments-team', 'group:default/payments-team'],
    ['Group:Default/Payments_Team.EU', 'group:default/payments_team.eu'],
    [' group:acme/platform ', 'group:acme/platform'],
  ])('reads %p', (value, ref) => {
    expect(normalizeGroupRef(value)).toBe(ref);
  });

  it.each([
    'group:default/team\u0000',
    '\u0000',
    'group:default/a b',
    'group:default/',
    'a:b:c/d/e',
    'group:default/a/b',
    'user:default/elena',
    'component:payments',
    `group:default/${'x'.repeat(64)}`,
    'group:default/team\nadmins',
    '',
  ])('refuses %j', value => {
    expect(normalizeGroupRef(value)).toBeUndefined();
  });
});

describe('isStorableText', () => {
  it('keeps lines, tabs and any script', () => {
    expect(isStorableText('Q1 review\n\tZoë: 💥 שלום')).toBe(true);
  });
  it.each(['a\u0000b', 'a\u001bb', 'a\u007f', 'x\ud800', '\udc00y'])(
    'refuses %j',
    value => {
      expect(isStorableText(value)).toBe(false);
    },
  );
});
