import { CsvValue, toCsv as writeCsv } from '@internal/csv';
import { factors } from './factors';
import { ReadinessResult } from './evaluate';
import { formatSource } from './seeds';
import { levels } from './maturity';

/** What an export needs besides the result. */
export type ExportHeader = {
  groupRef: string;
  groupTitle: string;
  assessedAt: string;
  author: string;
  note?: string | null;
};

const colourLabel = { green: 'Green', yellow: 'Yellow', red: 'Red' } as const;

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A Markdown report for a steering committee. */
export function toMarkdown(
  header: ExportHeader,
  result: ReadinessResult,
): string {
  const { verdict, maturity } = result;
  const lines: string[] = [];
  lines.push(`# Platform readiness: ${header.groupTitle}`);
  lines.push('');
  lines.push(`- Group: \`${header.groupRef}\``);
  lines.push(
    `- Assessed: ${header.assessedAt.slice(0, 10)} by \`${header.author}\``,
  );
  if (header.note) lines.push(`- Note: ${mdCell(header.note)}`);
  lines.push('');
  lines.push(`## Verdict: ${verdict.headline}`);
  lines.push('');
  lines.push(
    `Green ${verdict.counts.green}, yellow ${verdict.counts.yellow}, red ${verdict.counts.red} of 7 factors.`,
  );
  lines.push('');
  lines.push(`> ${verdict.interpretation} (${formatSource(verdict.source)})`);
  lines.push('');
  lines.push('## Factors');
  lines.push('');
  lines.push('| Factor | Colour | Number | Answer | Source |');
  lines.push('| --- | --- | --- | --- | --- |');
  for (const answer of result.answers) {
    const factor = factors.find(f => f.id === answer.factor)!;
    const number =
      answer.value === null
        ? ''
        : `${answer.value} ${factor.numeric?.unit ?? ''}`.trim();
    const source =
      answer.source === 'measured'
        ? `measured${answer.evidence ? `: ${answer.evidence}` : ''}`
        : 'declared';
    lines.push(
      `| ${factor.label} | ${colourLabel[answer.colour]} | ${mdCell(
        number,
      )} | ${mdCell(factor.options[answer.colour])} | ${mdCell(source)} |`,
    );
  }
  if (maturity) {
    lines.push('');
    lines.push(`## Maturity (overall ${maturity.overall.toFixed(2)} of 4)`);
    lines.push('');
    lines.push(
      '| Aspect | Score | Level | Next level | Next step in the portal |',
    );
    lines.push('| --- | --- | --- | --- | --- |');
    for (const a of maturity.aspects) {
      lines.push(
        `| ${a.label} | ${a.score.toFixed(2)} | ${
          levels[a.level - 1].label
        } | ${a.nextLevel ? levels[a.nextLevel - 1].label : '—'} | ${mdCell(
          a.step,
        )} |`,
      );
    }
  }
  lines.push('');
  lines.push('## Recommendations');
  for (const r of result.recommendations) {
    lines.push('');
    lines.push(`### ${r.title}`);
    lines.push('');
    lines.push(r.detail);
    if (r.items.length > 0) {
      lines.push('');
      for (const item of r.items) lines.push(`- ${item}`);
    }
    lines.push('');
    lines.push(`Sources: ${r.sources.map(s => formatSource(s)).join(', ')}`);
  }
  lines.push('');
  return lines.join('\n');
}

/**
 * A CSV with one row per factor, maturity aspect and recommendation:
 * `section,key,label,result,value,source,detail`.
 */
export function toCsv(header: ExportHeader, result: ReadinessResult): string {
  const rows: CsvValue[][] = [
    ['section', 'key', 'label', 'result', 'value', 'source', 'detail'],
    [
      'assessment',
      'group',
      header.groupTitle,
      header.groupRef,
      null,
      null,
      null,
    ],
    [
      'assessment',
      'assessedAt',
      'Assessed',
      header.assessedAt,
      null,
      header.author,
      null,
    ],
    [
      'verdict',
      result.verdict.verdict,
      result.verdict.headline,
      `green ${result.verdict.counts.green} / yellow ${result.verdict.counts.yellow} / red ${result.verdict.counts.red}`,
      null,
      formatSource(result.verdict.source),
      result.verdict.interpretation,
    ],
  ];
  for (const answer of result.answers) {
    const factor = factors.find(f => f.id === answer.factor)!;
    rows.push([
      'factor',
      answer.factor,
      factor.label,
      answer.colour,
      answer.value,
      answer.source,
      answer.evidence ?? factor.options[answer.colour],
    ]);
  }
  if (result.maturity) {
    for (const a of result.maturity.aspects) {
      rows.push([
        'maturity',
        a.aspect,
        a.label,
        a.score.toFixed(2),
        a.level,
        a.levelId,
        a.step,
      ]);
    }
    rows.push([
      'maturity',
      'overall',
      'Overall',
      result.maturity.overall.toFixed(2),
      result.maturity.overallLevel,
      null,
      null,
    ]);
  }
  for (const r of result.recommendations) {
    rows.push([
      'recommendation',
      r.kind,
      r.title,
      r.choice,
      null,
      r.sources.map(s => formatSource(s)).join(' '),
      r.detail,
    ]);
  }
  return writeCsv(rows);
}
