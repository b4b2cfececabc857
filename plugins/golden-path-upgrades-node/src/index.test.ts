import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findRepoRoot, goldenPathTemplatesRepository } from './index';

describe('findRepoRoot', () => {
  it('finds the folder holding backstage.json from a folder below it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'repo-root-'));
    fs.writeFileSync(path.join(root, 'backstage.json'), '{}');
    const below = path.join(root, 'plugins', 'x', 'src');
    fs.mkdirSync(below, { recursive: true });
    expect(findRepoRoot(below)).toBe(root);
    fs.rmSync(root, { recursive: true });
  });

  it('falls back to where it started when no folder holds backstage.json', () => {
    const lone = fs.mkdtempSync(path.join(os.tmpdir(), 'no-root-'));
    expect(findRepoRoot(lone)).toBe(lone);
    fs.rmSync(lone, { recursive: true });
  });
});

describe('goldenPathTemplatesRepository', () => {
  it('is the configured repository, else the repository root', () => {
    expect(
      goldenPathTemplatesRepository(
        new ConfigReader({
          goldenPathUpgrades: { templatesRepository: '/srv/templates' },
        }),
      ),
    ).toBe('/srv/templates');
    expect(goldenPathTemplatesRepository(new ConfigReader({}), __dirname)).toBe(
      path.resolve(__dirname, '../../..'),
    );
  });
});
