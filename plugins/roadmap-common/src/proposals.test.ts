import { answerNotice, answersAllowed, mayVote } from './proposals';

describe('proposals', () => {
  it.each([
    ['open', ['planned', 'declined', 'done'], true],
    ['planned', ['done'], true],
    ['declined', [], false],
    ['done', [], false],
  ] as const)('%s: answers %p, votes %p', (status, answers, votes) => {
    expect(answersAllowed(status)).toEqual(answers);
    expect(mayVote(status)).toBe(votes);
  });

  it.each([
    [
      {
        decision: 'planned' as const,
        reason: '',
        where: 'Phase 1: Foundation, 2027-Q1',
      },
      'Roadmap: "Preview environments" is planned',
      'Planned for Phase 1: Foundation, 2027-Q1.',
    ],
    [
      {
        decision: 'declined' as const,
        reason: 'The clusters cannot host them yet.',
      },
      'Roadmap: "Preview environments" is declined',
      'Declined: The clusters cannot host them yet.',
    ],
    [
      { decision: 'done' as const, reason: 'The deployments tab does it.' },
      'Roadmap: "Preview environments" is done',
      'Done. The deployments tab does it.',
    ],
  ])('tells the proposer %p', (answer, title, description) => {
    expect(answerNotice({ title: 'Preview environments', ...answer })).toEqual({
      title,
      description,
    });
  });
});
