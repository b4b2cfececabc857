import { upgradeDescription, upgradeTitle } from './description';

const crossed = [
  {
    version: '1.1.0',
    date: '2026-12-01',
    changes: 'Owner must be your team.',
    why: 'Ownership decides permissions.',
  },
  {
    version: '1.2.0',
    date: '2026-12-03',
    changes: 'Adds a deploy workflow.',
    why: 'Every service deploys the same way.',
    deprecated: { sunset: '2027-06-30', reason: 'Replaced by 2.0.0' },
  },
];

describe('upgradeDescription', () => {
  it('lists the changelog of every version crossed, oldest first, and the files needing a person', () => {
    const text = upgradeDescription({
      template: 'typescript-service',
      from: '1.0.0',
      to: '1.2.0',
      crossed,
      conflicts: ['src/index.ts'],
    });
    expect(text).toContain('from version 1.0.0 to 1.2.0');
    expect(text).toContain('## Needs a person (1 file)');
    expect(text).toContain('- `src/index.ts`');
    expect(text.indexOf('### 1.1.0')).toBeLessThan(text.indexOf('### 1.2.0'));
    expect(text).toContain('**Why:** Every service deploys the same way.');
    expect(text).toContain('Deprecated, sunset 2027-06-30: Replaced by 2.0.0');
  });

  it('says when nothing needs a person', () => {
    const text = upgradeDescription({
      template: 't',
      from: '1.0.0',
      to: '1.1.0',
      crossed: crossed.slice(0, 1),
      conflicts: [],
    });
    expect(text).toContain('No file needs a person');
    expect(text).not.toContain('### 1.2.0');
  });

  it('titles the upgrade with both versions', () => {
    expect(
      upgradeTitle({
        template: 't',
        from: '1.0.0',
        to: '1.1.0',
        crossed: [],
        conflicts: [],
      }),
    ).toBe('Golden path t: upgrade 1.0.0 → 1.1.0');
  });

  it('titles an adoption at the latest version as recording it', () => {
    expect(
      upgradeTitle({
        template: 't',
        from: '1.2.0',
        to: '1.2.0',
        crossed: [],
        conflicts: [],
      }),
    ).toBe('Golden path t: record version 1.2.0');
  });
});

describe('upgradeDescription of an adopted repository', () => {
  it.each([
    {
      adoption: 'inferred' as const,
      says: 'The portal found it closest to version 1.0.0',
    },
    {
      adoption: 'stated' as const,
      says: 'Its team stated that it was made from version 1.0.0',
    },
  ])(
    'says how the version was found ($adoption) and that the record is added',
    ({ adoption, says }) => {
      const text = upgradeDescription({
        template: 't',
        from: '1.0.0',
        to: '1.1.0',
        crossed: crossed.slice(0, 1),
        conflicts: [],
        adoption,
      });
      expect(text).toContain('This repository had no `.golden-path.json`.');
      expect(text).toContain(says);
      expect(text).toContain('this change adds the record');
    },
  );

  it('says nothing about a record when the repository has one', () => {
    const text = upgradeDescription({
      template: 't',
      from: '1.0.0',
      to: '1.1.0',
      crossed: [],
      conflicts: [],
    });
    expect(text).not.toContain('.golden-path.json');
  });
});
