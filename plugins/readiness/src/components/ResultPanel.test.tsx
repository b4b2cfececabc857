import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  evaluateReadiness,
  seedSections,
} from '@internal/plugin-readiness-common';
import { Recommendations, VerdictHeadline } from './ResultPanel';

const result = evaluateReadiness({
  answers: {
    teamSize: 'yellow',
    deploymentFriction: 'yellow',
    infrastructureComplexity: 'yellow',
    developerComplaints: 'yellow',
    shadowIt: 'red',
    onboardingTime: 'red',
    contextSwitching: 'green',
  },
});

describe('the verdict and recommendations', () => {
  it('cite the reference documents by title and section, never by file and line', async () => {
    await renderInTestApp(
      <>
        <VerdictHeadline result={result} />
        <Recommendations result={result} />
      </>,
    );
    expect(screen.getByText('Start planning')).toBeInTheDocument();
    expect(
      screen.getByText(
        `(Platform engineering guide (readiness, roadmap, team structure), ${seedSections.guide.whenToAdopt})`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(
        `Platform engineering guide (readiness, roadmap, team structure), ${seedSections.guide.roadmap}`,
      ).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getAllByText(
        /^Platform Engineering explained to decision-makers \(WeScale\), /,
      ).length,
    ).toBeGreaterThan(0);
    expect(document.body).not.toHaveTextContent(/\.txt|line \d/);
    // several sources of one recommendation read as a list
    expect(screen.getByTestId('readiness-recommendations')).toHaveTextContent(
      /\(WeScale\), [^;]+; Platform Engineering explained to decision-makers \(WeScale\), /,
    );
  });
});
