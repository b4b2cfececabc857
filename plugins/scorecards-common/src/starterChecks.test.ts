import fs from 'fs';
import path from 'path';
import { DEFAULT_LEVELS } from './levels';
import { parseCheckFiles } from './definitions';

// The repository's own check definitions must load, as the backend loads them at start.
describe('scorecards/checks', () => {
  it('are valid, with unique ids', () => {
    const dir = path.resolve(__dirname, '../../../scorecards/checks');
    const files = fs
      .readdirSync(dir)
      .filter(name => name.endsWith('.yaml'))
      .map(name => ({
        file: name,
        text: fs.readFileSync(path.join(dir, name), 'utf8'),
      }));
    const checks = parseCheckFiles(files, DEFAULT_LEVELS);
    expect(checks.length).toBe(25);
    expect(checks.find(c => c.id === 'lead-time-under-a-day')?.rule).toEqual({
      fact: 'insights.leadTimeHours',
      operator: '<=',
      threshold: 24,
      unit: 'h',
    });
  });
});
