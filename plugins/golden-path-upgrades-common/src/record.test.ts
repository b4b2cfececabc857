import {
  optOutReason,
  parseRecord,
  recordFromAnnotations,
  TEMPLATE_VALUES_ANNOTATION,
} from './record';

describe('parseRecord', () => {
  it('reads the record file', () => {
    expect(
      parseRecord(
        JSON.stringify({
          template: 'typescript-service',
          version: '1.1.0',
          values: { name: 'orders' },
        }),
      ),
    ).toEqual({
      template: 'typescript-service',
      version: '1.1.0',
      values: { name: 'orders' },
    });
  });

  it.each([
    ['not JSON', '{', 'is not valid JSON'],
    [
      'a record over 64 KB',
      JSON.stringify({
        template: 't',
        version: '1.0.0',
        values: { x: 'a'.repeat(65536) },
      }),
      'must be at most 65536 bytes',
    ],
    ['an array', '[]', 'must be an object'],
    [
      'a template that is not a name',
      '{"template":"../x","version":"1.0.0","values":{}}',
      'template: must be a template name',
    ],
    [
      'a version that is not major.minor.patch',
      '{"template":"t","version":"1","values":{}}',
      'version: must be major.minor.patch',
    ],
    [
      'values that are not an object',
      '{"template":"t","version":"1.0.0","values":[]}',
      'values: must be an object',
    ],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseRecord(text)).toThrow(message);
  });
});

describe('recordFromAnnotations', () => {
  it('is undefined for an entity not made from a golden path', () => {
    expect(recordFromAnnotations({})).toBeUndefined();
    expect(recordFromAnnotations(undefined)).toBeUndefined();
  });

  it('reads template, version and values', () => {
    expect(
      recordFromAnnotations({
        'acme.example/template': 'docs-site',
        'acme.example/template-version': '1.0.0',
        [TEMPLATE_VALUES_ANNOTATION]: '{"name":"handbook"}',
      }),
    ).toEqual({
      template: 'docs-site',
      version: '1.0.0',
      values: { name: 'handbook' },
    });
  });

  it('refuses values that are not JSON', () => {
    expect(() =>
      recordFromAnnotations({
        'acme.example/template': 'docs-site',
        'acme.example/template-version': '1.0.0',
        [TEMPLATE_VALUES_ANNOTATION]: '{',
      }),
    ).toThrow(`${TEMPLATE_VALUES_ANNOTATION}: is not valid JSON`);
  });
});

describe('optOutReason', () => {
  it.each([
    [
      { 'acme.example/golden-path-opt-out': 'Forked for PCI scope' },
      'Forked for PCI scope',
    ],
    // a blank reason is no opt-out: the annotation needs a reason
    [{ 'acme.example/golden-path-opt-out': '  ' }, undefined],
    [{}, undefined],
  ])('%j → %s', (annotations, reason) => {
    expect(optOutReason(annotations)).toBe(reason);
  });
});
