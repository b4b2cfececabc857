import { render, screen } from '@testing-library/react';
import { ChartFrame, TrendChart } from './TrendChart';

/**
 * jsdom lays nothing out, so the responsive container would measure 0 × 0 and draw no chart:
 * give every element a size and a ResizeObserver that reports it.
 */
function withLayout() {
  const width = jest
    .spyOn(HTMLElement.prototype, 'clientWidth', 'get')
    .mockReturnValue(600);
  const height = jest
    .spyOn(HTMLElement.prototype, 'clientHeight', 'get')
    .mockReturnValue(220);
  const rect = jest
    .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
    .mockReturnValue({
      width: 600,
      height: 220,
      top: 0,
      left: 0,
      right: 600,
      bottom: 220,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
  const original = (global as any).ResizeObserver;
  (global as any).ResizeObserver = class {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.callback(
        [{ target, contentRect: { width: 600, height: 220 } } as any],
        this as any,
      );
    }
    unobserve() {}
    disconnect() {}
  };
  return () => {
    width.mockRestore();
    height.mockRestore();
    rect.mockRestore();
    (global as any).ResizeObserver = original;
  };
}

describe('ChartFrame', () => {
  it('gives the chart its height and names the box for tests', () => {
    render(
      <ChartFrame height={280} testId="cash-flow">
        <div />
      </ChartFrame>,
    );
    expect(screen.getByTestId('cash-flow')).toHaveStyle({ height: '280px' });
  });
});

describe('TrendChart', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = withLayout();
  });
  afterEach(() => restore());

  it('names each series in the legend, by its name or else its data key', async () => {
    render(
      <TrendChart
        kind="line"
        data={[
          { week: '01-05', leadTime: 3, restore: null },
          { week: '01-12', leadTime: 5, restore: 2 },
        ]}
        xKey="week"
        height={220}
        legend
        animate={false}
        series={[
          { dataKey: 'leadTime', name: 'Lead time', colour: '#1976d2' },
          { dataKey: 'restore', colour: '#c62828' },
        ]}
      />,
    );
    expect(await screen.findByText('Lead time')).toBeInTheDocument();
    expect(screen.getByText('restore')).toBeInTheDocument();
  });

  it('draws no legend unless asked', async () => {
    const { container } = render(
      <TrendChart
        kind="bar"
        data={[{ week: '01-05', deployments: 3 }]}
        xKey="week"
        height={220}
        animate={false}
        series={[
          { dataKey: 'deployments', name: 'Deployments', colour: '#1976d2' },
        ]}
      />,
    );
    expect(
      await screen.findByText('01-05', { selector: 'tspan' }),
    ).toBeInTheDocument();
    expect(container.querySelector('.recharts-legend-wrapper')).toBeNull();
    expect(screen.queryByText('Deployments')).toBeNull();
  });
});
