import { evaluateReadiness } from './evaluate';
import { toCsv, toMarkdown } from './export';
import { questionIds } from './maturity';

const header = {
  groupRef: 'group:default/payments-team',
  groupTitle: 'Payments Team',
  assessedAt: '2025-05-02T09:30:00.000Z',
  author: 'user:default/elena.rossi',
  note: 'Q2 review, "draft"',
};

const result = evaluateReadiness({
  answers: {
    teamSize: { value: 72, source: 'measured', evidence: 'catalog: 72 users' },
    deploymentFriction: 'yellow',
    infrastructureComplexity: 'yellow',
    developerComplaints: 'yellow',
    shadowIt: 'red',
    onboardingTime: 'red',
    contextSwitching: 'green',
  },
  maturity: Object.fromEntries(questionIds.map(q => [q, 2 as const])),
});

describe('exports', () => {
  it('writes a Markdown report with the verdict, factors, maturity and cited recommendations', () => {
    const md = toMarkdown(header, result);
    expect(md).toContain('# Platform readiness: Payments Team');
    expect(md).toContain('## Verdict: Start planning');
    expect(md).toContain('Green 1, yellow 4, red 2 of 7 factors.');
    expect(md).toContain(
      '| Team size | Yellow | 72 engineers | 50-100 engineers, growing fast | measured: catalog: 72 users |',
    );
    expect(md).toContain('## Maturity (overall 2.00 of 4)');
    expect(md).toContain('| Investment | 2.00 | Operational | Scalable |');
    expect(md).toContain('### Phase 0: Assessment');
    expect(md).toContain(
      'Sources: Platform engineering guide (readiness, roadmap, team structure), Part 3: Strategy & Planning › Building Your Platform Engineering Roadmap',
    );
  });

  it('writes a CSV with quoted cells where needed', () => {
    const csv = toCsv(header, result);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('section,key,label,result,value,source,detail');
    expect(lines).toContain(
      'factor,teamSize,Team size,yellow,72,measured,catalog: 72 users',
    );
    expect(lines).toContain(
      'factor,shadowIt,Shadow IT,red,,declared,Teams use standard tooling without friction',
    );
    expect(lines).toContain('maturity,overall,Overall,2.00,2,,');
    // 1 header + 2 assessment + 1 verdict + 7 factors + 6 maturity + 8 recommendations
    expect(lines).toHaveLength(25);
    expect(toCsv({ ...header, groupTitle: 'A, "B"' }, result)).toContain(
      'assessment,group,"A, ""B""",group:default/payments-team,,,',
    );
  });

  it('hands free text that starts like a formula to the spreadsheet as text', () => {
    const lines = toCsv(
      {
        ...header,
        groupTitle: '=HYPERLINK("https://evil.example","Payments")',
        author: '+cmd|calc',
      },
      {
        ...result,
        answers: result.answers.map(a =>
          a.factor === 'teamSize' ? { ...a, evidence: '@SUM(1+1)' } : a,
        ),
      },
    )
      .trimEnd()
      .split('\r\n');
    expect(lines).toContain(
      `assessment,group,"'=HYPERLINK(""https://evil.example"",""Payments"")",group:default/payments-team,,,`,
    );
    expect(lines).toContain(
      "assessment,assessedAt,Assessed,2025-05-02T09:30:00.000Z,,'+cmd|calc,",
    );
    expect(lines).toContain(
      "factor,teamSize,Team size,yellow,72,measured,'@SUM(1+1)",
    );
  });
});
