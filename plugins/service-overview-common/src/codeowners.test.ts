import {
  likelyOwner,
  ownerFromCodeowners,
  ownerToEntityRef,
} from './codeowners';

describe('ownerToEntityRef', () => {
  it.each([
    ['@acme-retail/Payments-Team', 'group:default/payments-team'],
    ['@jonas.weber', 'user:default/jonas.weber'],
    ['someone@acme.example', undefined],
  ])('%s → %s', (owner, ref) => expect(ownerToEntityRef(owner)).toBe(ref));
});

describe('ownerFromCodeowners', () => {
  it('takes the last rule that covers the whole repository (GitHub applies the last match)', () => {
    const text = [
      '# global owners',
      '*       @acme-retail/platform-team',
      '/docs/  @acme-retail/docs-team',
      '*       @acme-retail/payments-team @jonas.weber # the team took it over',
      '*.sql   @acme-retail/data-team',
    ].join('\n');
    expect(ownerFromCodeowners(text)).toBe('group:default/payments-team');
  });

  it('names nobody when no rule covers every file', () => {
    expect(
      ownerFromCodeowners('/src/ @acme-retail/storefront-team\n'),
    ).toBeUndefined();
  });

  it('skips e-mail owners for the first handle it can map', () => {
    expect(ownerFromCodeowners('* lead@acme.example @amelie.durand')).toBe(
      'user:default/amelie.durand',
    );
  });
});

describe('likelyOwner', () => {
  it('prefers CODEOWNERS over the admin team', () => {
    expect(likelyOwner('* @acme/data-team', ['platform-team'])).toEqual({
      entityRef: 'group:default/data-team',
      source: 'codeowners',
    });
  });

  it('falls back to the first admin team in alphabetical order', () => {
    expect(
      likelyOwner(undefined, ['storefront-team', 'identity-team']),
    ).toEqual({
      entityRef: 'group:default/identity-team',
      source: 'admin-team',
    });
  });

  it('is undefined without either', () => {
    expect(likelyOwner('/src @acme/x', [])).toBeUndefined();
  });
});
