import { appliesTo } from './appliesTo';

const service = {
  kind: 'Component',
  type: 'service',
  lifecycle: 'production',
  tags: ['java', 'payments'],
};

describe('appliesTo', () => {
  it.each([
    ['no filter: everything', {}, true],
    ['kind without case', { kind: ['component'] }, true],
    ['another kind', { kind: ['API'] }, false],
    [
      'type and lifecycle both match',
      { type: ['service'], lifecycle: ['production'] },
      true,
    ],
    [
      'lifecycle differs',
      { type: ['service'], lifecycle: ['experimental'] },
      false,
    ],
    ['one of the tags is enough', { tags: ['go', 'payments'] }, true],
    ['none of the tags', { tags: ['go'] }, false],
    ['empty list: any', { kind: [] }, true],
  ])('%s', (_, filter, expected) => {
    expect(appliesTo(filter, service)).toBe(expected);
  });

  it('an entity without a lifecycle does not match a lifecycle filter', () => {
    expect(
      appliesTo({ lifecycle: ['production'] }, { kind: 'Component' }),
    ).toBe(false);
  });
});
