import { configure, screen, waitFor, within } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import {
  captureDownloads,
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import { compareAssessments } from '@internal/plugin-readiness-common';
import { ReadinessApi } from '../api';
import { historyOf, renderReadinessPage } from '../__testUtils__/readinessPage';
import { assessmentSummary } from '../testing/fixtures';

const userEvent = userEventLib.setup({ delay: null });
// each step re-renders the whole page: room for a busy machine
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 5_000 });

/** A quarter earlier: mostly red, so "Wait"; then the fixture's "Start planning". */
const earlier = assessmentSummary({
  id: 'r0',
  assessedAt: '2026-08-03T09:30:00.000Z',
  verdict: 'wait',
  colours: {
    teamSize: 'red',
    deploymentFriction: 'yellow',
    infrastructureComplexity: 'red',
    developerComplaints: 'red',
    shadowIt: 'red',
    onboardingTime: 'red',
    contextSwitching: 'green',
  },
  counts: { green: 1, yellow: 1, red: 5 },
});
const later = assessmentSummary({ id: 'r1', note: 'Q4 review' });

function fakeApi(overrides: Partial<ReadinessApi> = {}) {
  const byId = Object.fromEntries([earlier, later].map(a => [a.id, a]));
  return {
    history: jest.fn(async () => historyOf([earlier, later])),
    evaluate: jest.fn(() => new Promise<never>(() => {})),
    compare: jest.fn(async (a: string, b: string) =>
      compareAssessments(byId[a], byId[b]),
    ),
    exportFile: jest.fn(async (id: string, format: 'markdown' | 'csv') => ({
      filename: `readiness-${id}.${format === 'csv' ? 'csv' : 'md'}`,
      body: format === 'csv' ? 'factor,colour\r\nteamSize,yellow\r\n' : '# r1',
    })),
    ...overrides,
  } as jest.Mocked<
    Pick<ReadinessApi, 'history' | 'evaluate' | 'compare' | 'exportFile'>
  >;
}

async function render(api: ReturnType<typeof fakeApi>) {
  await renderReadinessPage(api as Partial<ReadinessApi>);
  await screen.findByTestId('readiness-history');
}

const compareButton = () =>
  screen.getByRole('button', { name: 'Compare the two selected' });

describe('ReadinessPage, comparing two saved assessments', () => {
  it('shows what changed between the two ticked, older first', async () => {
    const api = fakeApi();
    await render(api);
    expect(compareButton()).toBeDisabled();
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Compare 2026-11-02' }),
    );
    expect(compareButton()).toBeDisabled();
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Compare 2026-08-03' }),
    );
    await userEvent.click(compareButton());

    const comparison = await screen.findByTestId('readiness-comparison');
    expect(api.compare).toHaveBeenCalledWith('r1', 'r0');
    expect(comparison).toHaveTextContent(
      '2026-08-03 → 2026-11-02 (91 days): Wait; revisit in six months → Start planning',
    );
    const teamSize = within(comparison).getByText('Team size').closest('tr')!;
    expect(within(teamSize).getByLabelText('red')).toBeInTheDocument();
    expect(within(teamSize).getByLabelText('yellow')).toBeInTheDocument();
    const shadowIt = within(comparison)
      .getByText('Shadow IT', { exact: false })
      .closest('tr')!;
    expect(within(shadowIt).getAllByLabelText('red')).toHaveLength(2);
  });

  it('says the comparison could not be made, and why', async () => {
    await render(
      fakeApi({ compare: jest.fn(failing('database unavailable')) }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Compare 2026-08-03' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Compare 2026-11-02' }),
    );
    await userEvent.click(compareButton());
    await expectErrorPanel('database unavailable');
    expect(screen.queryByTestId('readiness-comparison')).toBeNull();
  });

  it('tells a person who may not read one of them that they may not see it', async () => {
    await render(
      fakeApi({
        compare: jest.fn(refusing('readiness.assessment.read is required')),
      }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Compare 2026-08-03' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Compare 2026-11-02' }),
    );
    await userEvent.click(compareButton());
    await expectForbiddenPanel('readiness.assessment.read is required');
    expect(screen.queryByTestId('readiness-comparison')).toBeNull();
  });
});

describe('ReadinessPage, exporting a saved assessment', () => {
  let capture: ReturnType<typeof captureDownloads>;
  beforeEach(() => {
    capture = captureDownloads();
  });
  afterEach(() => capture.restore());

  /** The export buttons of the row with this note. */
  const rowWith = (note: string) =>
    within(
      within(screen.getByTestId('readiness-history'))
        .getByText(note)
        .closest('tr')!,
    );

  it("downloads the backend's CSV of the assessment as a CSV file", async () => {
    const api = fakeApi();
    await render(api);
    await userEvent.click(
      rowWith('Q4 review').getByRole('button', { name: 'CSV' }),
    );
    await waitFor(() => expect(capture.downloads).toHaveLength(1));
    expect(api.exportFile).toHaveBeenCalledWith('r1', 'csv');
    const [file] = capture.downloads;
    expect(file.filename).toBe('readiness-r1.csv');
    expect(file.type).toBe('text/csv;charset=utf-8');
    expect(await file.text()).toBe('factor,colour\r\nteamSize,yellow\r\n');
  });

  it('downloads the Markdown export as a Markdown file', async () => {
    const api = fakeApi();
    await render(api);
    await userEvent.click(
      rowWith('Q4 review').getByRole('button', { name: 'Markdown' }),
    );
    await waitFor(() => expect(capture.downloads).toHaveLength(1));
    expect(api.exportFile).toHaveBeenCalledWith('r1', 'markdown');
    const [file] = capture.downloads;
    expect(file.filename).toBe('readiness-r1.md');
    expect(file.type).toBe('text/markdown;charset=utf-8');
    expect(await file.text()).toBe('# r1');
  });

  it('says so when the export fails, and downloads nothing', async () => {
    await render(
      fakeApi({ exportFile: jest.fn(failing('database unavailable')) }),
    );
    await userEvent.click(
      rowWith('Q4 review').getByRole('button', { name: 'CSV' }),
    );
    await expectErrorPanel('database unavailable', 'The export failed');
    expect(capture.downloads).toHaveLength(0);
  });

  it('tells a person who may not export it that they may not', async () => {
    await render(
      fakeApi({
        exportFile: jest.fn(refusing('readiness.assessment.read is required')),
      }),
    );
    await userEvent.click(
      rowWith('Q4 review').getByRole('button', { name: 'Markdown' }),
    );
    await expectForbiddenPanel('readiness.assessment.read is required');
    expect(capture.downloads).toHaveLength(0);
  });
});
