import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { TrendChart } from '@internal/plugin-portal-react';
import {
  formatAmount,
  QuarterReport,
  ValueFigure,
} from '@internal/plugin-value-common';

const percent = (x: number | null) =>
  x === null ? '—' : `${(Math.round(x * 10) / 10).toLocaleString('en-GB')}%`;
const months = (x: number | null) =>
  x === null
    ? 'not within reach'
    : `${(Math.round(x * 10) / 10).toLocaleString('en-GB')} months`;

function ExpectedCell({
  figure,
  currency,
}: {
  figure: ValueFigure;
  currency: string;
}) {
  return (
    <Flex direction="column" gap="1">
      {figure.expected.amount !== null && (
        <Text weight="bold">
          {formatAmount(figure.expected.amount, currency)}
        </Text>
      )}
      <Text variant="body-small" color="secondary">
        {figure.expected.text}
      </Text>
    </Flex>
  );
}

function ActualCell({
  figure,
  currency,
}: {
  figure: ValueFigure;
  currency: string;
}) {
  const { actual } = figure;
  if (actual.missing !== null) {
    return (
      <Text variant="body-small" color="secondary">
        No number: {actual.missing}
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="1">
      <Text weight="bold">
        {actual.amount !== null
          ? `${formatAmount(actual.amount, currency)} (${percent(
              actual.percent,
            )})`
          : `${percent(actual.percent)} shorter`}
      </Text>
      <Text variant="body-small" color="secondary">
        {actual.text}
      </Text>
    </Flex>
  );
}

/** One quarter: the case's expectation beside the actuals, line by line, with a chart. */
export function QuarterReportView({ report }: { report: QuarterReport }) {
  const { currency, realised, expected, quarter } = report;
  const chart = report.figures
    .filter(f => f.unit === 'currency')
    .map(f => ({
      line: f.label,
      expected: f.expected.amount ?? 0,
      actual: f.actual.amount ?? 0,
    }));
  return (
    <Flex direction="column" gap="4">
      <Card>
        <CardHeader>
          <Text variant="title-small">
            <span data-testid="quarter-title">
              Quarter {quarter.index}: {quarter.from} to {quarter.to}
            </span>
          </Text>
        </CardHeader>
        <CardBody>
          <Text as="p" variant="body-small" color="secondary">
            Measured until {quarter.measuredUntil.slice(0, 10)} (
            {percent(quarter.elapsedShare * 100)} of the quarter), against the 3
            months before the start ({report.before.from} to {report.before.to}
            ).
          </Text>
          <TrendChart
            kind="bar"
            data={chart}
            xKey="line"
            series={[
              { dataKey: 'expected', name: 'Expected', colour: '#9e9e9e' },
              { dataKey: 'actual', name: 'Actual', colour: '#1f77b4' },
            ]}
            height={240}
            legend
          />
          <Text as="p" variant="body-small" color="secondary">
            A line without data is drawn at 0 and says why below.
          </Text>
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <Text variant="title-small">Expected against actual</Text>
        </CardHeader>
        <CardBody>
          <table aria-label="Expected against actual">
            <thead>
              <tr>
                <th align="left">Line</th>
                <th align="left">Expected (the case)</th>
                <th align="left">Actual (measured)</th>
                <th align="left">Source and coverage</th>
                <th align="left">Assumptions</th>
              </tr>
            </thead>
            <tbody>
              {report.figures.map(f => (
                <tr key={f.id} data-testid={`figure-${f.id}`}>
                  <th align="left" scope="row">
                    {f.label}
                  </th>
                  <td>
                    <ExpectedCell figure={f} currency={currency} />
                  </td>
                  <td>
                    <ActualCell figure={f} currency={currency} />
                  </td>
                  <td>
                    <Text variant="body-small">{f.source}</Text>
                    <br />
                    <Text variant="body-small" color="secondary">
                      Coverage: {f.coverage.text}
                    </Text>
                  </td>
                  <td>
                    <Text variant="body-small" color="secondary">
                      {f.assumptions.join(' ')}
                    </Text>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <Text variant="title-small">Realised so far</Text>
        </CardHeader>
        <CardBody>
          <Text as="p">
            After{' '}
            {(Math.round(realised.monthsMeasured * 10) / 10).toLocaleString(
              'en-GB',
            )}{' '}
            months: {formatAmount(realised.gain, currency)} realised against{' '}
            {formatAmount(expected.gain, currency)} expected, for an investment
            of {formatAmount(realised.investment, currency)}.
          </Text>
          <Text as="p">
            Realised ROI {percent(realised.roiPercent)} (the case:{' '}
            {percent(expected.roiPercent)} by now). Payback at the pace
            measured: {months(realised.paybackMonths)}
            {realised.paidBack ? ', already paid back' : ''} (the case:{' '}
            {months(expected.paybackMonths)}; break-even with its ramp-up in
            month {expected.breakEvenMonth ?? '— (not within 36 months)'}).
          </Text>
          <Text as="p" variant="body-small" color="secondary">
            Counted: {realised.counted.join(', ') || 'no line'}. The
            time-to-market revenue is not measured and is left out of both
            sides.
            {realised.missing.length > 0 &&
              ` Left out: ${realised.missing
                .map(m => `${m.id} (${m.reason})`)
                .join('; ')}.`}
          </Text>
        </CardBody>
      </Card>
    </Flex>
  );
}
