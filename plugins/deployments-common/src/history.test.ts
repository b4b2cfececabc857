import {
  EnvironmentDeployment,
  previousSuccessfulDeployment,
  runningDeployment,
} from './history';

const d = (
  deploymentId: number,
  environment: string,
  sha: string,
  succeededAt: string,
): EnvironmentDeployment => ({ deploymentId, environment, sha, succeededAt });

const history = [
  d(1, 'staging', 'aaa', '2026-11-01T10:00:00Z'),
  d(2, 'staging', 'bbb', '2026-11-02T10:00:00Z'),
  d(3, 'production', 'aaa', '2026-11-02T12:00:00Z'),
  d(4, 'staging', 'ccc', '2026-11-03T10:00:00Z'),
  // ccc deployed again to staging: a re-run, same commit
  d(5, 'staging', 'ccc', '2026-11-04T10:00:00Z'),
  // two at the same second in dev: the higher id is the later one
  d(6, 'dev', 'ddd', '2026-11-05T10:00:00Z'),
  d(7, 'dev', 'eee', '2026-11-05T10:00:00Z'),
];

describe('runningDeployment', () => {
  it.each([
    // staging's latest success is #5 (Nov 4), commit ccc
    ['staging', 5],
    // production has only #3
    ['production', 3],
    // dev: #6 and #7 at the same time, #7 has the higher id
    ['dev', 7],
    // nothing ever deployed to qa
    ['qa', undefined],
  ])('in %s is deployment %s', (environment, expected) => {
    expect(runningDeployment(history, environment)?.deploymentId).toBe(
      expected,
    );
  });
});

describe('previousSuccessfulDeployment', () => {
  it.each([
    // staging runs ccc (#5); #4 is ccc too (skipped); before it #2 with bbb
    ['staging', 2],
    // production has one deployment: nothing to go back to
    ['production', undefined],
    // dev runs eee (#7); #6 with ddd is the one before
    ['dev', 6],
    ['qa', undefined],
  ])('of %s is deployment %s', (environment, expected) => {
    expect(
      previousSuccessfulDeployment(history, environment)?.deploymentId,
    ).toBe(expected);
  });

  it('ignores the order the records come in', () => {
    // same records, reversed: staging still runs #5 and goes back to #2
    const reversed = [...history].reverse();
    expect(previousSuccessfulDeployment(reversed, 'staging')?.sha).toBe('bbb');
  });
});
