import { evaluateScorecard } from './scorecard';
import { CheckDefinition, FactValue } from './types';

const base = { why: 'w', docs: '/docs/x', appliesTo: { kind: ['Component'] } };
const checks: CheckDefinition[] = [
  {
    ...base,
    id: 'owner',
    title: 'Owned by a team',
    level: 'bronze',
    rule: { fact: 'catalog.ownerIsTeam', equals: true },
  },
  {
    ...base,
    id: 'codeowners',
    title: 'CODEOWNERS',
    level: 'silver',
    rule: { fact: 'github.hasCodeowners', equals: true },
  },
  {
    ...base,
    id: 'lead-time',
    title: 'Lead time',
    level: 'gold',
    rule: {
      fact: 'insights.leadTimeHours',
      operator: '<=',
      threshold: 24,
      unit: 'h',
    },
  },
  {
    ...base,
    id: 'apis-only',
    title: 'API check',
    level: 'bronze',
    appliesTo: { kind: ['API'] },
    rule: { fact: 'catalog.hasDescription', equals: true },
  },
];
const NOW = new Date('2026-06-15T00:00:00Z');

describe('evaluateScorecard', () => {
  it('owner ✓, CODEOWNERS ✗ waived, lead time 31 h ✗ → silver, gold held back by lead time', () => {
    const result = evaluateScorecard({
      entity: { kind: 'Component' },
      checks,
      levels: ['bronze', 'silver', 'gold'],
      facts: new Map<string, FactValue>([
        ['catalog.ownerIsTeam', true],
        ['github.hasCodeowners', false],
        ['insights.leadTimeHours', 31],
      ]),
      waivers: new Map([
        [
          'codeowners',
          { status: 'granted' as const, expiresAt: '2026-07-01T00:00:00Z' },
        ],
      ]),
      now: NOW,
    });
    // the API-only check does not apply to a Component
    expect(result.results.map(r => [r.checkId, r.status, r.message])).toEqual([
      ['owner', 'pass', 'owner is a team in the catalog: yes'],
      ['codeowners', 'waived', 'CODEOWNERS file: no, needs yes (waived)'],
      ['lead-time', 'fail', 'lead time 31 h, needs ≤ 24 h'],
    ]);
    expect(result.level).toBe('silver');
    expect(result.nextLevel).toBe('gold');
    expect(result.blocking).toEqual(['lead-time']);
  });

  it('the same without the waiver (it expired) → bronze', () => {
    const result = evaluateScorecard({
      entity: { kind: 'Component' },
      checks,
      levels: ['bronze', 'silver', 'gold'],
      facts: new Map<string, FactValue>([
        ['catalog.ownerIsTeam', true],
        ['github.hasCodeowners', false],
        ['insights.leadTimeHours', 20],
      ]),
      waivers: new Map([
        [
          'codeowners',
          { status: 'granted' as const, expiresAt: '2026-06-01T00:00:00Z' },
        ],
      ]),
      now: NOW,
    });
    expect(result.level).toBe('bronze');
    expect(result.blocking).toEqual(['codeowners']);
  });
});
