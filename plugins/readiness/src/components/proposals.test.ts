import {
  EvidenceProposal,
  proposeMaturityFromScorecards,
  unavailableMaturityProposals,
} from '@internal/plugin-readiness-common';
import { effectiveColour, emptyFactors } from './FactorForm';
import {
  applyProposals,
  describeMaturityProposals,
  describeProposals,
} from './proposals';
import { buildRequest } from './ReadinessPage';

const onboarding =
  'Insights, the 90 days before 2025-06-01, group:default/payments-team (proxy): ' +
  'median 30.0 hours, 1.3 days, from a golden path creating a service to its first production deployment, ' +
  'over 3 of 4 new services. It times a new service, not a new developer.';
const friction =
  'Insights, the 90 days before 2025-06-01, group:default/payments-team: ' +
  '40 production deployments; median lead time for changes 5.0 hours (DORA elite → red); ' +
  'a median of 1.0 deploy days a week (DORA high → red); the one with more friction.';

const proposals: EvidenceProposal[] = [
  {
    factor: 'teamSize',
    available: true,
    value: 3,
    colour: 'red',
    source: 'Catalog: 3 users who are members of group:default/payments-team',
  },
  {
    factor: 'infrastructureComplexity',
    available: false,
    value: null,
    colour: null,
    source: 'Catalog: no services owned by group:default/payments-team',
  },
  {
    factor: 'onboardingTime',
    available: true,
    value: 1.3,
    colour: 'red',
    source: onboarding,
  },
  {
    factor: 'deploymentFriction',
    available: true,
    value: null,
    colour: 'red',
    source: friction,
  },
];

describe('proposals from the portal', () => {
  it('fills in delivery metrics like catalog counts: value, colour, source, measured', () => {
    const states = applyProposals(emptyFactors(), proposals);
    expect(states.onboardingTime).toEqual({
      colour: 'red',
      value: '1.3',
      measured: true,
      evidence: onboarding,
    });
    // 1.3 days ≤ 2 → red, the colour the number gives
    expect(effectiveColour('onboardingTime', states.onboardingTime)).toBe(
      'red',
    );
    expect(states.deploymentFriction).toEqual({
      colour: 'red',
      value: '',
      measured: true,
      evidence: friction,
    });
    // Nothing available, nothing filled in
    expect(states.infrastructureComplexity).toEqual({
      value: '',
      measured: false,
    });

    states.infrastructureComplexity = {
      colour: 'yellow',
      value: '',
      measured: false,
    };
    states.developerComplaints = {
      colour: 'yellow',
      value: '',
      measured: false,
    };
    states.shadowIt = { colour: 'yellow', value: '', measured: false };
    states.contextSwitching = { colour: 'green', value: '', measured: false };
    const request = buildRequest(states, '', {}, '')!;
    expect(request.answers.onboardingTime).toEqual({
      value: 1.3,
      source: 'measured',
    });
    expect(request.answers.deploymentFriction).toEqual({
      colour: 'red',
      source: 'measured',
    });
    expect(request.answers.teamSize).toEqual({ value: 3, source: 'measured' });
  });

  it('keeps an answer declared once the person changes it', () => {
    const states = applyProposals(emptyFactors(), proposals);
    // What the form's radio buttons do on a click: a colour, no number, declared
    states.deploymentFriction = { colour: 'green', value: '', measured: false };
    states.onboardingTime = { value: '4', measured: false };
    for (const id of [
      'infrastructureComplexity',
      'developerComplaints',
      'shadowIt',
      'contextSwitching',
    ] as const) {
      states[id] = { colour: 'yellow', value: '', measured: false };
    }
    const request = buildRequest(states, '', {}, '')!;
    expect(request.answers.deploymentFriction).toEqual({
      colour: 'green',
      source: 'declared',
    });
    expect(request.answers.onboardingTime).toEqual({
      value: 4,
      source: 'declared',
    });
  });

  it('says what it proposed and why it proposed nothing for the rest', () => {
    expect(describeProposals(proposals)).toBe(
      'Proposed from the portal: Team size, Onboarding time, Deployment friction. Change an answer to declare it instead. ' +
        'Infrastructure complexity: Catalog: no services owned by group:default/payments-team',
    );
    expect(
      describeProposals([
        {
          factor: 'deploymentFriction',
          available: false,
          value: null,
          colour: null,
          source: 'Insights answered 500; answer from your own knowledge.',
        },
      ]),
    ).toBe(
      'The portal has nothing to propose for this group. Deployment friction: Insights answered 500; answer from your own knowledge.',
    );
  });

  it('says how many maturity answers the scorecards proposed, or that they proposed none', () => {
    const figures = {
      ownerRef: null,
      readAt: '2026-12-03T19:10:42.000Z',
      lastEvaluatedDay: '2026-12-03',
    };
    // 12 of 15 (24 > 15) and 9 of 12 (18 > 12): both proposed
    expect(
      describeMaturityProposals(
        proposeMaturityFromScorecards({
          ...figures,
          services: 15,
          fromGoldenPath: 12,
          onLatestVersion: 9,
        }),
      ),
    ).toBe(
      'Maturity: 2 of 2 answers proposed from scorecard figures, shown beside their questions; nothing is filled in until you accept one.',
    );
    expect(
      describeMaturityProposals(
        unavailableMaturityProposals('Scorecards answered 500: boom.'),
      ),
    ).toBe(
      'Maturity: no answer proposed from scorecard figures; the questions say why.',
    );
    expect(describeMaturityProposals([])).toBeUndefined();
  });
});
