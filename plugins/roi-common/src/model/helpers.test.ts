import {
  devCostsFrom,
  incidentCostsFrom,
  infraCostsFrom,
  SEED_DEV_INFRA_BREAKDOWN_EUR,
  SEED_RUN_INFRA_BREAKDOWN_EUR,
  SEED_RUN_INFRA_PER_PRODUCT_EUR,
  sumCostLines,
} from './helpers';
import { applyPreset, findPreset, ROI_PRESETS } from './presets';
import { scenarioToCsv } from './csv';
import { diffRecords } from './diff';
import { calculateRoi } from './calculate';
import { RoiInputs } from './inputs';

describe('input helpers', () => {
  it('DevCosts = developers × loaded annual cost × months ÷ 12', () => {
    // 25 × 80,000 × 12 / 12 = 2,000,000; over 6 months: 25 × 80,000 × 6 / 12 = 1,000,000
    expect(
      devCostsFrom({
        developers: 25,
        loadedAnnualCost: 80_000,
        periodMonths: 12,
      }),
    ).toBe(2_000_000);
    expect(
      devCostsFrom({
        developers: 25,
        loadedAnnualCost: 80_000,
        periodMonths: 6,
      }),
    ).toBe(1_000_000);
  });

  it('IncidentCosts = incidents a year × €115,000 (seed) × months ÷ 12', () => {
    // 4 × 115,000 = 460,000; with an average of 20,000 over 18 months: 4 × 20,000 × 1.5 = 120,000
    expect(incidentCostsFrom({ incidentsPerYear: 4, periodMonths: 12 })).toBe(
      460_000,
    );
    expect(
      incidentCostsFrom({
        incidentsPerYear: 4,
        averageCostPerIncident: 20_000,
        periodMonths: 18,
      }),
    ).toBe(120_000);
  });

  it('InfraCosts from the seed references', () => {
    // 20 developers: 20 / 10 × 55,000 = 110,000; one product: 168,000 → 278,000 a year
    expect(
      infraCostsFrom({ developers: 20, products: 1, periodMonths: 12 }),
    ).toBe(278_000);
    // the line items instead: 30 / 10 × 61,220 + 2 × 168,000 = 183,660 + 336,000 = 519,660
    expect(
      infraCostsFrom({
        developers: 30,
        products: 2,
        periodMonths: 12,
        devInfraPer10DevsPerYear: sumCostLines(SEED_DEV_INFRA_BREAKDOWN_EUR),
      }),
    ).toBe(519_660);
  });

  it('sums the seed breakdowns', () => {
    // 18,500 + 3,600 + 9,600 + 6,000 + 8,520 + 6,000 + 2,400 + 3,600 + 3,000 = 61,220
    // (the seed states €55,000 as the total)
    expect(sumCostLines(SEED_DEV_INFRA_BREAKDOWN_EUR)).toBe(61_220);
    // 120,000 + 12,000 + 18,000 + 12,000 + 6,000 = 168,000, as the seed states
    expect(sumCostLines(SEED_RUN_INFRA_BREAKDOWN_EUR)).toBe(168_000);
    expect(SEED_RUN_INFRA_PER_PRODUCT_EUR).toBe(168_000);
  });
});

const inputs: RoiInputs = {
  periodMonths: 12,
  currency: 'EUR',
  devCosts: 1_000_000,
  incidentCosts: 230_000,
  infraCosts: 223_000,
  designCosts: 200_000,
  addLicenceCosts: 50_000,
  trainingCosts: 30_000,
  improvedProductivityPct: 30,
  improvedIncidentsCostsPct: 0,
  improvedResourcesPct: 0,
  ttmReductionGain: 1000,
  rampUpMonths: 0,
  recurringYearlyCosts: 0,
};

describe('presets', () => {
  it('are ordered conservative < expected < optimistic, each value with a source', () => {
    expect(ROI_PRESETS.map(p => p.id)).toEqual([
      'conservative',
      'expected',
      'optimistic',
    ]);
    const rois = ROI_PRESETS.map(
      p => calculateRoi(applyPreset(inputs, p)).roiPercent,
    );
    expect(rois[0]).toBeLessThan(rois[1]);
    expect(rois[1]).toBeLessThan(rois[2]);
    for (const p of ROI_PRESETS) {
      for (const v of Object.values(p.values)) {
        expect(v.source.length).toBeGreaterThan(10);
      }
    }
  });

  it('sets the impact and ramp-up, keeps the rest', () => {
    const expected = findPreset('expected')!;
    const applied = applyPreset(inputs, expected);
    expect(applied).toEqual({
      ...inputs,
      improvedProductivityPct: 20,
      improvedIncidentsCostsPct: 30,
      improvedResourcesPct: 22.5,
      rampUpMonths: 6,
    });
  });
});

describe('CSV', () => {
  it('exports inputs and results, one row per figure', () => {
    const csv = scenarioToCsv(
      {
        name: 'Board, 2025',
        version: 2,
        ownerRef: 'user:default/ada',
        updatedAt: '2025-01-01T00:00:00.000Z',
        inputs,
      },
      calculateRoi(inputs),
    );
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('section,field,label,value,unit');
    expect(lines).toContain('scenario,name,Name,"Board, 2025",');
    expect(lines).toContain(
      'input,devCosts,Developer and Ops costs,1000000,EUR',
    );
    // gain = 30% × 1,000,000 + 1,000 = 301,000; ROI = (301,000 − 280,000) / 280,000 = 7.5%
    expect(lines).toContain('result,gain.total,Gain: total,301000,EUR');
    expect(lines).toContain('result,roiPercent,ROI,7.5,%');
    expect(lines.filter(l => l.startsWith('cashflow,'))).toHaveLength(37);
  });

  it('hands a name or description that starts like a formula to the spreadsheet as text', () => {
    const csv = scenarioToCsv(
      {
        name: '=HYPERLINK("https://evil.example","Board")',
        description: '@SUM(1+1)',
        version: 1,
        ownerRef: 'user:default/ada',
        updatedAt: '2025-01-01T00:00:00.000Z',
        inputs,
      },
      calculateRoi(inputs),
    );
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toContain(
      `scenario,name,Name,"'=HYPERLINK(""https://evil.example"",""Board"")",`,
    );
    expect(lines).toContain("scenario,description,Description,'@SUM(1+1),");
  });
});

describe('diffRecords', () => {
  it('lists the changed fields', () => {
    expect(
      diffRecords({ a: 1, b: 2, c: [1] }, { a: 1, b: 3, c: [1, 2] }, 'inputs'),
    ).toEqual([
      { field: 'inputs.b', from: 2, to: 3 },
      { field: 'inputs.c', from: [1], to: [1, 2] },
    ]);
    expect(diffRecords(undefined, { a: 1 })).toEqual([
      { field: 'a', from: null, to: 1 },
    ]);
  });
});

describe('the presets and the case studies', () => {
  it('present no provisioning-time figure as productivity', () => {
    // Microsoft's 40% is resource provisioning time (seed 000), not productivity
    for (const preset of ROI_PRESETS) {
      const { source } = preset.values.improvedProductivityPct;
      expect(source).not.toMatch(/microsoft|provisioning/i);
    }
  });

  it('label the ramp-up, borrowed from implementation lead times, as an assumption', () => {
    for (const preset of ROI_PRESETS) {
      const rampUp = preset.values.rampUpMonths;
      expect(rampUp.assumption).toBe(true);
      expect(rampUp.source).toMatch(/seed does not measure a benefit ramp-up/);
      // the impact percentages are measured figures, not assumptions
      expect(preset.values.improvedProductivityPct.assumption).toBeUndefined();
    }
  });
});
