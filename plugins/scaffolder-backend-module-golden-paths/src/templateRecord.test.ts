/*
 * Every repository a golden path creates records what it was made from: the template, its
 * version and the values its skeleton was rendered with, in `.golden-path.json` and in the
 * catalog entity's annotations, so a later version can be rendered with the same values.
 * Each template's versions.yaml lists its versions with a changelog entry.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { render, templatesDir } from './__testUtils__/render';

const TEMPLATES = fs
  .readdirSync(templatesDir)
  .filter(name =>
    fs.existsSync(path.join(templatesDir, name, 'skeleton/.golden-path.json')),
  )
  .sort();

function templateDocument(template: string) {
  return parse(
    fs.readFileSync(path.join(templatesDir, template, 'template.yaml'), 'utf8'),
  );
}

function fetchValues(template: string): Record<string, unknown> {
  const step = templateDocument(template).spec.steps.find(
    (s: { action: string }) => s.action === 'fetch:template',
  );
  return step.input.values;
}

/** Sample answers of the form, by value name. */
const SAMPLE: Record<string, unknown> = {
  name: 'orders',
  description: 'Takes "orders" & <returns> them',
  owner: 'group:default/payments-team',
  ownerName: 'payments-team',
  system: 'system:default/checkout',
  githubSlug: '',
  githubOrg: '',
  environments: ['dev', 'production'],
  image: 'acme-retail/orders',
  database: true,
};

/** The values the fetch step would pass: literals from template.yaml, samples for expressions. */
function valuesFor(template: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fetchValues(template)).map(([key, value]) => [
      key,
      typeof value === 'string' && !value.includes('${{')
        ? value
        : SAMPLE[key] ?? `sample ${key}`,
    ]),
  );
}

describe('what a repository was made from', () => {
  it('is recorded by every template', () => {
    expect(TEMPLATES).toEqual([
      'docs-site',
      'typescript-library',
      'typescript-service',
      'web-frontend',
    ]);
  });

  it.each(TEMPLATES)(
    '%s: versions.yaml starts with the version template.yaml declares',
    template => {
      const document = templateDocument(template);
      const versions = parse(
        fs.readFileSync(
          path.join(templatesDir, template, 'versions.yaml'),
          'utf8',
        ),
      ).versions;
      const declared =
        document.metadata.annotations['acme.example/template-version'];
      expect(versions[0].version).toBe(declared);
      expect(fetchValues(template).templateVersion).toBe(declared);
      for (const entry of versions) {
        expect(entry.changes.trim()).not.toBe('');
        expect(entry.why.trim()).not.toBe('');
      }
    },
  );

  it.each(TEMPLATES)(
    '%s: renders the record file and the annotations with the same values',
    async template => {
      const values = valuesFor(template);
      const dir = await render(template, values);
      const record = JSON.parse(
        fs.readFileSync(path.join(dir, '.golden-path.json'), 'utf8'),
      );
      expect(record).toEqual({
        template,
        version:
          templateDocument(template).metadata.annotations[
            'acme.example/template-version'
          ],
        values,
      });
      const entity = parseAllDocuments(
        fs.readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8'),
      )[0].toJS();
      const annotations = entity.metadata.annotations;
      expect(annotations['acme.example/template']).toBe(template);
      expect(annotations['acme.example/template-version']).toBe(record.version);
      expect(JSON.parse(annotations['acme.example/template-values'])).toEqual(
        values,
      );
    },
  );

  it.each(TEMPLATES)(
    '%s: records only form answers, never a secret or a step output',
    template => {
      // The record is rendered from the fetch step's values: as long as none of them reads a
      // secret or the output of a step (the database action's handed-over credentials are one),
      // nothing secret can reach the repository or the catalog.
      for (const [key, value] of Object.entries(fetchValues(template))) {
        const text = JSON.stringify(value);
        expect({ key, secret: /\bsecrets\b/.test(text) }).toEqual({
          key,
          secret: false,
        });
        expect({ key, step: /\bsteps\b/.test(text) }).toEqual({
          key,
          step: false,
        });
      }
    },
  );
});
