import { GithubRecord } from '../database/GithubStore';

const H = 3_600_000;
const DAY = 24 * H;
const START = Date.parse('2025-01-01T00:00:00Z');
export const REPOSITORIES = Array.from(
  { length: 8 },
  (_, i) => `acme/service-${i}`,
);

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Six months of history for the repositories: deployments at random hours (some to staging,
 * some never succeeding), each with one to four changes authored up to ten days before, and
 * incidents opened after some deployments, most closed hours later.
 */
export function history(): GithubRecord[] {
  const next = random(17);
  const records: GithubRecord[] = [];
  let deploymentId = 1;
  let issueId = 1;
  REPOSITORIES.forEach((repository, r) => {
    const deployments = 30 + r * 8;
    for (let d = 0; d < deployments; d++) {
      const at = START + Math.floor(next() * 181 * DAY);
      const id = deploymentId++;
      const environment = next() < 0.1 ? 'staging' : 'production';
      records.push({
        kind: 'deployment',
        deploymentId: id,
        repository,
        environment,
        sha: `${id}-head`,
        createdAt: new Date(at - 600_000).toISOString(),
      });
      if (next() < 0.95) {
        records.push({
          kind: 'deploymentStatus',
          deploymentId: id,
          state: 'success',
          at: new Date(at).toISOString(),
        });
      }
      const changes = 1 + Math.floor(next() * 4);
      records.push({
        kind: 'deploymentChanges',
        deploymentId: id,
        repository,
        commits: Array.from({ length: changes }, (_, c) => ({
          sha: `${id}-${c}`,
          authoredAt: new Date(at - next() * 240 * H).toISOString(),
        })),
      });
      if (next() < 0.15) {
        const opened = at + next() * 12 * H;
        records.push({
          kind: 'issue',
          issueId: issueId,
          repository,
          number: issueId++,
          title: 'Outage',
          labels: ['incident'],
          openedAt: new Date(opened).toISOString(),
          closedAt:
            next() < 0.9
              ? new Date(opened + next() * 30 * H).toISOString()
              : null,
        });
      }
    }
  });
  return records;
}
