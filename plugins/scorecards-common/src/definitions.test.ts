import {
  CheckDefinitionError,
  parseCheckFile,
  parseCheckFiles,
} from './definitions';

const LEVELS = ['bronze', 'silver', 'gold'];

const LEAD_TIME = `id: lead-time-under-a-day
title: Lead time for changes under a day
why: Elite teams ship a change within a day.
docs: /docs/default/component/portal/scorecards/#lead-time
appliesTo:
  kind: [Component]
  type: [service]
level: gold
rule:
  fact: insights.leadTimeHours
  operator: "<="
  threshold: 24
`;

describe('parseCheckFile', () => {
  it('reads a numeric check, the unit taken from the fact', () => {
    expect(parseCheckFile('a.yaml', LEAD_TIME, LEVELS)).toEqual({
      problems: [],
      checks: [
        {
          line: 1,
          check: {
            id: 'lead-time-under-a-day',
            title: 'Lead time for changes under a day',
            why: 'Elite teams ship a change within a day.',
            docs: '/docs/default/component/portal/scorecards/#lead-time',
            appliesTo: { kind: ['Component'], type: ['service'] },
            level: 'gold',
            rule: {
              fact: 'insights.leadTimeHours',
              operator: '<=',
              threshold: 24,
              unit: 'h',
            },
          },
        },
      ],
    });
  });

  it('reads several documents; a boolean rule defaults to equals: true', () => {
    const text = `id: a\ntitle: A\nwhy: w\ndocs: https://example.com/a\nlevel: bronze\nrule:\n  fact: github.hasCodeowners\n---\nid: b\ntitle: B\nwhy: w\ndocs: /b\nlevel: silver\nrule: { fact: insights.changeFailureRatePercent, operator: between, min: 0, max: 15 }\n`;
    const { checks, problems } = parseCheckFile('b.yaml', text, LEVELS);
    expect(problems).toEqual([]);
    expect(checks.map(c => [c.check.id, c.line, c.check.rule])).toEqual([
      ['a', 1, { fact: 'github.hasCodeowners', equals: true }],
      [
        'b',
        9,
        {
          fact: 'insights.changeFailureRatePercent',
          operator: 'between',
          min: 0,
          max: 15,
          unit: '%',
        },
      ],
    ]);
  });

  it.each([
    // line numbers count from 1: "level: platinum" is line 8 of LEAD_TIME
    [
      'an unknown level',
      LEAD_TIME.replace('level: gold', 'level: platinum'),
      8,
      'level: must be one of bronze, silver, gold',
    ],
    [
      'an unknown fact',
      LEAD_TIME.replace('insights.leadTimeHours', 'insights.nope'),
      10,
      'rule.fact: unknown fact insights.nope',
    ],
    [
      'a wrong unit',
      `${LEAD_TIME}  unit: days\n`,
      13,
      'rule.unit: the fact insights.leadTimeHours is measured in "h"',
    ],
    [
      'a threshold that is not a number',
      LEAD_TIME.replace('threshold: 24', 'threshold: "24"'),
      12,
      'rule.threshold: must be a finite number',
    ],
    [
      'an operator a boolean fact cannot take',
      LEAD_TIME.replace('insights.leadTimeHours', 'github.hasCodeowners'),
      11,
      'rule.operator: unknown field',
    ],
    [
      'a numeric fact without operator',
      LEAD_TIME.replace('  operator: "<="\n', ''),
      10,
      'rule.operator: the fact insights.leadTimeHours is a number: operator must be ">=", "<=" or "between"',
    ],
    [
      'an id with capitals',
      LEAD_TIME.replace('id: lead-time-under-a-day', 'id: Lead'),
      1,
      'id: must match /^[a-z0-9][a-z0-9-]{0,62}$/',
    ],
    [
      'a missing title',
      LEAD_TIME.replace('title: Lead time for changes under a day\n', ''),
      1,
      'title: is required, as text',
    ],
    ['an unknown field', `${LEAD_TIME}owner: me\n`, 13, 'owner: unknown field'],
    [
      'a docs link that is not https or a path',
      LEAD_TIME.replace('docs: /docs', 'docs: javascript:alert(1)//docs'),
      4,
      'docs: must match /^(https:\\/\\/|\\/)\\S+$/',
    ],
    [
      'an appliesTo that is not a list',
      LEAD_TIME.replace('kind: [Component]', 'kind: Component'),
      6,
      'appliesTo.kind: must be a list of text',
    ],
    [
      'a duplicate key (YAML error)',
      `${LEAD_TIME}level: gold\n`,
      13,
      'Map keys must be unique',
    ],
  ])('refuses %s, at its line', (_, text, line, reason) => {
    const { checks, problems } = parseCheckFile('checks/x.yaml', text, LEVELS);
    expect(checks).toEqual([]);
    expect(problems).toContainEqual({ file: 'checks/x.yaml', line, reason });
  });

  it('min above max is refused at max', () => {
    const text =
      'id: a\ntitle: A\nwhy: w\ndocs: /a\nlevel: bronze\nrule:\n  fact: insights.deploymentsPerWeek\n  operator: between\n  min: 5\n  max: 1\n';
    expect(parseCheckFile('f', text, LEVELS).problems).toEqual([
      { file: 'f', line: 10, reason: 'rule.max: must be at least min (5)' },
    ]);
  });
});

describe('parseCheckFiles', () => {
  it('refuses the set with every problem, file and line, including a duplicate id', () => {
    let error: unknown;
    try {
      parseCheckFiles(
        [
          { file: 'a.yaml', text: LEAD_TIME },
          { file: 'b.yaml', text: `# again\n${LEAD_TIME}` },
          {
            file: 'c.yaml',
            text: LEAD_TIME.replace('level: gold', 'level: tin').replace(
              'id: lead-time-under-a-day',
              'id: c',
            ),
          },
        ],
        LEVELS,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CheckDefinitionError);
    expect((error as CheckDefinitionError).problems).toEqual([
      {
        file: 'b.yaml',
        line: 2,
        reason: 'id: lead-time-under-a-day is already defined in a.yaml',
      },
      {
        file: 'c.yaml',
        line: 8,
        reason: 'level: must be one of bronze, silver, gold',
      },
    ]);
    expect((error as Error).message).toContain(
      'c.yaml:8: level: must be one of bronze, silver, gold',
    );
  });

  it('returns the checks ordered by id', () => {
    const b = LEAD_TIME.replace('id: lead-time-under-a-day', 'id: b');
    const a = LEAD_TIME.replace('id: lead-time-under-a-day', 'id: a');
    expect(
      parseCheckFiles(
        [
          { file: '1', text: b },
          { file: '2', text: a },
        ],
        LEVELS,
      ).map(c => c.id),
    ).toEqual(['a', 'b']);
  });
});
