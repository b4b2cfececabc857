import {
  parseProposalAnswer,
  parseProposalInput,
  parseRoadmapItemInput,
} from './schema';
import { recommendationLinks, recommendationTitle } from './links';

const item = {
  title: 'Preview environments',
  description: 'An environment per pull request.',
  phase: 2,
  status: 'planned',
  targetQuarter: '2027-Q2',
  recommendations: ['phase:phase2'],
  initiatives: ['7D4C1F0E-4B7E-4F43-9F4B-1F2A3B4C5D6E'],
};

describe('input schemas', () => {
  it('trims a proposal and refuses a blank title, naming the field', () => {
    expect(
      parseProposalInput({ title: ' Faster CI ', description: '' }),
    ).toEqual({ title: 'Faster CI', description: '' });
    expect(() => parseProposalInput({ title: '   ', description: '' })).toThrow(
      'title: must not be blank',
    );
    expect(() =>
      parseProposalInput({ title: 'a\u0000b', description: '' }),
    ).toThrow('title: must not contain control characters');
    expect(() =>
      parseProposalInput({ title: 'x', description: '', extra: 1 }),
    ).toThrow(/^body|extra/);
  });

  it('reads an item, initiative ids in lower case and without repeats', () => {
    expect(
      parseRoadmapItemInput({
        ...item,
        initiatives: [item.initiatives[0], item.initiatives[0].toLowerCase()],
      }),
    ).toEqual({
      ...item,
      initiatives: ['7d4c1f0e-4b7e-4f43-9f4b-1f2a3b4c5d6e'],
    });
  });

  it.each([
    [{ phase: 4 }, 'phase: must be 0, 1, 2 or 3'],
    [{ phase: 1.5 }, 'phase: must be 0, 1, 2 or 3'],
    [
      { status: 'started' },
      'status: must be one of planned, in-progress, done',
    ],
    [{ targetQuarter: '2027-Q5' }, 'targetQuarter: must be a quarter'],
    [
      { recommendations: ['phase:phase9'] },
      'recommendations.0: must be a readiness recommendation id',
    ],
    [{ initiatives: ['not-an-id'] }, 'initiatives.0: must be an initiative id'],
  ])('refuses an item with %p', (change, message) => {
    expect(() => parseRoadmapItemInput({ ...item, ...change })).toThrow(
      message,
    );
  });

  it('plans a proposal for this quarter or later, and declines one with a reason', () => {
    expect(
      parseProposalAnswer(
        { decision: 'planned', phase: 1, targetQuarter: '2026-Q4' },
        '2026-Q4',
      ),
    ).toEqual({
      decision: 'planned',
      phase: 1,
      targetQuarter: '2026-Q4',
      reason: '',
    });
    expect(() =>
      parseProposalAnswer(
        { decision: 'planned', phase: 1, targetQuarter: '2026-Q3' },
        '2026-Q4',
      ),
    ).toThrow('targetQuarter: must be 2026-Q4 or later');
    expect(() =>
      parseProposalAnswer({ decision: 'planned', phase: 1 }, '2026-Q4'),
    ).toThrow('targetQuarter:');
    expect(() =>
      parseProposalAnswer({ decision: 'declined', reason: ' ' }, '2026-Q4'),
    ).toThrow('reason: must not be blank');
    expect(() => parseProposalAnswer({ decision: 'maybe' }, '2026-Q4')).toThrow(
      'decision: must be planned, declined or done',
    );
  });

  it('knows every recommendation it lists, with phase names from seed 004', () => {
    expect(recommendationTitle('phase:phase0')).toBe(
      'Roadmap phase: Phase 0: Assessment',
    );
    expect(recommendationTitle('teamStructure:hybrid')).toBe(
      'Team structure: Hybrid model',
    );
    expect(recommendationTitle('verdict:now')).toBeUndefined();
    expect(new Set(recommendationLinks.map(l => l.id)).size).toBe(
      recommendationLinks.length,
    );
  });
});
