import {
  compareWithRecorded,
  imageTag,
  ObservedDeployment,
  rolloutState,
  runningVersionOf,
  sameVersion,
  shortVersion,
} from './cluster';

const SHA_A = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';
const SHA_B = '4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70';

describe('rolloutState', () => {
  const done: ObservedDeployment = {
    generation: 3,
    observedGeneration: 3,
    desiredReplicas: 2,
    replicas: 2,
    updatedReplicas: 2,
    readyReplicas: 2,
    availableReplicas: 2,
  };
  it.each<[string, ObservedDeployment, string]>([
    // every count equals the 2 desired, generation seen: complete
    ['all updated and available', done, 'complete'],
    // generation 4 not yet observed (3): the controller has not acted on the new spec
    ['new spec not seen', { ...done, generation: 4 }, 'progressing'],
    // 1 of 2 desired updated
    ['half updated', { ...done, updatedReplicas: 1 }, 'progressing'],
    // 3 pods, 2 updated: an old one still runs (maxSurge 1)
    ['old replica left', { ...done, replicas: 3 }, 'progressing'],
    // 2 updated, 1 available
    ['updated not available', { ...done, availableReplicas: 1 }, 'progressing'],
    // the deadline passed, whatever the counts
    [
      'deadline exceeded',
      {
        ...done,
        updatedReplicas: 1,
        progressing: { status: 'False', reason: 'ProgressDeadlineExceeded' },
      },
      'failed',
    ],
    // scaled to 0: 0 desired, 0 everywhere is complete
    [
      'scaled to zero',
      {
        generation: 1,
        observedGeneration: 1,
        desiredReplicas: 0,
        replicas: 0,
        updatedReplicas: 0,
        availableReplicas: 0,
      },
      'complete',
    ],
    // spec.replicas absent defaults to 1; nothing updated yet
    ['defaults to one replica', { generation: 1 }, 'progressing'],
  ])('%s: %s', (_, deployment, expected) => {
    expect(rolloutState(deployment)).toBe(expected);
  });
});

describe('imageTag', () => {
  it.each([
    ['ghcr.io/acme/orders-api:1a2b3c4', '1a2b3c4'],
    // the registry's port is not a tag
    ['registry.acme.example:5000/orders-api', undefined],
    ['registry.acme.example:5000/orders-api:v1.2.0', 'v1.2.0'],
    // a digest alone carries no tag; tag and digest keep the tag
    ['orders-api@sha256:abcdef', undefined],
    ['orders-api:v2@sha256:abcdef', 'v2'],
    ['orders-api', undefined],
    ['orders-api:', undefined],
    [undefined, undefined],
  ])('%s → %s', (image, expected) => {
    expect(imageTag(image)).toBe(expected);
  });
});

describe('runningVersionOf', () => {
  it.each([
    // the label wins over the image tag
    ['1.4.0', 'app:1a2b3c4', '1.4.0'],
    [undefined, 'app:1a2b3c4', '1a2b3c4'],
    // an empty label is no label
    ['', 'app:1a2b3c4', '1a2b3c4'],
    [undefined, 'app', undefined],
  ])('label %s, image %s → %s', (label, image, expected) => {
    expect(runningVersionOf(label, image)).toBe(expected);
  });
});

describe('shortVersion', () => {
  it.each([
    [SHA_A, '1a2b3c4'],
    ['v1.2.0', 'v1.2.0'],
    // 39 hex characters is not a full SHA: kept
    [SHA_A.slice(0, 39), SHA_A.slice(0, 39)],
  ])('%s → %s', (version, expected) => {
    expect(shortVersion(version)).toBe(expected);
  });
});

describe('sameVersion', () => {
  it.each([
    [SHA_A, SHA_A, true],
    // upper case SHA is the same commit
    [SHA_A.toUpperCase(), SHA_A, true],
    // 7-character abbreviation of SHA_A
    ['1a2b3c4', SHA_A, true],
    // 6 characters is too short to stand for a commit
    ['1a2b3c', SHA_A, false],
    ['4d5e6f7', SHA_A, false],
    // a tag is only equal to itself
    ['v1.2.0', SHA_A, false],
    ['v1.2.0', 'v1.2.0', true],
  ])('%s vs %s: %s', (cluster, recorded, expected) => {
    expect(sameVersion(cluster, recorded)).toBe(expected);
  });
});

describe('compareWithRecorded', () => {
  it.each([
    // one Deployment on the recorded commit, by full SHA
    [[SHA_A], SHA_A, { state: 'matches' }],
    // two Deployments, both on the abbreviation of the recorded commit
    [['1a2b3c4', '1a2b3c4d'], SHA_A, { state: 'matches' }],
    // the cluster runs B while A was recorded: both shortened to 7 characters
    [
      [SHA_B],
      SHA_A,
      {
        state: 'differs',
        message: 'cluster runs 4d5e6f7, last deployment recorded 1a2b3c4',
      },
    ],
    // one of two Deployments lags: both versions named, each once
    [
      [SHA_A, SHA_B, SHA_B],
      SHA_A,
      {
        state: 'differs',
        message:
          'cluster runs 1a2b3c4, 4d5e6f7, last deployment recorded 1a2b3c4',
      },
    ],
    // nothing recorded by GitHub
    [[SHA_A], undefined, { state: 'unknown' }],
    // no version readable from the cluster (untagged image)
    [[undefined], SHA_A, { state: 'unknown' }],
    [[], SHA_A, { state: 'unknown' }],
  ])('%j vs %s', (versions, recorded, expected) => {
    expect(compareWithRecorded(versions, recorded)).toEqual(expected);
  });
});
