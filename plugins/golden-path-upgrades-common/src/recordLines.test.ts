import { withRecordLines } from './recordLines';

const OLD_RENDER = [
  'kind: Component',
  'metadata:',
  '  name: "orders"',
  '  annotations:',
  '    backstage.io/techdocs-ref: dir:.',
  '    acme.example/template: "typescript-service"',
  '    acme.example/template-version: "1.1.0"',
  '    acme.example/template-values: "{\\"name\\":\\"orders\\"}"',
  '  tags:',
  '    - typescript',
  'spec:',
  '  owner: "group:default/payments-team"',
  '  dependsOn:',
  '    - "resource:orders-db"',
  '---',
  'kind: Resource',
  'metadata:',
  '  name: "orders-db"',
  '  annotations:',
  '    acme.example/template: "typescript-service"',
  '    acme.example/template-version: "1.1.0"',
  'spec:',
  '  type: database',
  '',
].join('\n');

const lines = (text: string) => text.split('\n');

describe('withRecordLines', () => {
  it('adds the values annotation a repository made before the record lacks, after the version annotation', () => {
    // The team's file is the old render without its values line (made from 1.1.0 before the
    // record existed) and with a tag of its own. The values line's predecessor, the version
    // line, is the team's line 7, so the values line becomes line 8, before `  tags:`.
    const team = lines(OLD_RENDER)
      .filter(l => !l.includes('template-values'))
      .map(l =>
        l === '    - typescript' ? '    - typescript\n    - orders' : l,
      )
      .join('\n');
    const result = lines(withRecordLines(team, OLD_RENDER));
    expect(result.slice(5, 10)).toEqual([
      '    acme.example/template: "typescript-service"',
      '    acme.example/template-version: "1.1.0"',
      '    acme.example/template-values: "{\\"name\\":\\"orders\\"}"',
      '  tags:',
      '    - typescript',
    ]);
    expect(result).toContain('    - orders');
    // Only the one line was added.
    expect(result.length).toBe(lines(team).length + 1);
  });

  it('adds all three annotations, in each document, to a file that has none', () => {
    // Made from 1.0.0: no template annotations at all. Component: the three lines follow
    // techdocs-ref (line 5), one after the other. Resource: its two lines follow
    // `  annotations:`, which the team kept.
    const team = lines(OLD_RENDER)
      .filter(l => !l.includes('acme.example/'))
      .join('\n');
    expect(withRecordLines(team, OLD_RENDER)).toBe(OLD_RENDER);
  });

  it('leaves a key the team set to another value, and a line whose predecessor the team changed', () => {
    // The team wrote its own version line (1.0.0 by hand): no second version line is added,
    // and the values line, whose predecessor (the old render's version line) the team's file
    // does not have, is not guessed at.
    const team = OLD_RENDER.replace(
      '    acme.example/template-version: "1.1.0"\n    acme.example/template-values: "{\\"name\\":\\"orders\\"}"',
      '    acme.example/template-version: "1.0.0"',
    );
    expect(team).not.toBe(OLD_RENDER);
    expect(withRecordLines(team, OLD_RENDER)).toBe(team);
  });

  it('changes nothing when the team has every line, or when the old render has no record lines', () => {
    expect(withRecordLines(OLD_RENDER, OLD_RENDER)).toBe(OLD_RENDER);
    const plain = 'kind: Component\nmetadata:\n  name: "x"\n';
    expect(withRecordLines(plain, plain.replace('"x"', '"y"'))).toBe(plain);
  });
});
