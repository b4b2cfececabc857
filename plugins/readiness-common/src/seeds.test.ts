import { formatSource, SourceRef } from './seeds';

describe('formatSource', () => {
  it('cites a document by title and section', () => {
    expect(
      formatSource({
        document: 'wescale',
        section:
          'At what scale is Platform Engineering implemented? › Domain, team scale',
        quote: 'A domain',
      }),
    ).toBe(
      'Platform Engineering explained to decision-makers (WeScale), At what scale is Platform Engineering implemented? › Domain, team scale',
    );
  });

  it('cites an assessment saved with a line number only by the document title', () => {
    const saved = {
      document: 'guide',
      line: 104,
      quote: '| Phase 0: Assessment |',
    } as unknown as SourceRef;
    expect(formatSource(saved)).toBe(
      'Platform engineering guide (readiness, roadmap, team structure)',
    );
  });
});
