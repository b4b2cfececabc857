import fc from 'fast-check';

/**
 * The classes of hostile input the fuzz suite throws at every field. Each comes from a way
 * real input has broken a route: PostgreSQL refuses NUL in text and dates outside
 * 4713 BC–294276 AD, JavaScript's Date rolls 30 February over to 2 March, JSON's `1e999`
 * parses to Infinity, and an integer past its column fails the insert.
 */
export const HOSTILE_CLASSES = [
  /** A string with a NUL character (PostgreSQL text cannot store it). */
  'nul',
  /** A string with other C0 control characters or DEL. */
  'control',
  /** A string of 5,000 to 70,000 characters. */
  'long',
  /** Non-ASCII text: emoji, right-to-left, combining marks, lone surrogates. */
  'unicode',
  /** A date outside PostgreSQL's range: year 0000, 10000, -1. */
  'dateOutOfRange',
  /** A well-formed date that does not exist: 30 February, month 13, 24:60. */
  'dateImpossible',
  /** Text that is not a date at all. */
  'dateMalformed',
  /** Infinity or NaN: `1e999` in JSON, `NaN` / `Infinity` in a query. */
  'nonFinite',
  /** Finite but huge: 1e308, Number.MAX_VALUE, -1e300. */
  'huge',
  /** Minus zero. */
  'negativeZero',
  /** Text where a number is expected that is not one: `12abc`, `NaN`, ``. */
  'numberString',
  /** Whole numbers just past a 32-bit integer column. */
  'int4Overflow',
  /** Whole numbers past a 64-bit integer column (and JavaScript's safe integers). */
  'int8Overflow',
  /** A JSON value of another type than the field's: null, true, [], {}, a number, a string. */
  'wrongType',
  /** An entity reference of a bad shape, or with NUL / control characters in it. */
  'badEntityRef',
] as const;

export type HostileClass = (typeof HOSTILE_CLASSES)[number];

/** What a field holds; decides which hostile classes apply and which must be refused. */
export type FieldType =
  | 'text'
  | 'entityRef'
  | 'date'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'object'
  | 'array';

/**
 * A number written as raw JSON text, for values JSON.stringify cannot write: `1e999` parses
 * to Infinity and `-0` to minus zero on the server. In a query or a path it is the text.
 */
export class RawJson {
  constructor(readonly text: string) {}
  toString() {
    return this.text;
  }
}

const withChar = (chars: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.string({ maxLength: 12 }), chars, fc.string({ maxLength: 12 }))
    .map(([a, c, b]) => `${a}${c}${b}`);

const controlChar = fc
  .integer({ min: 1, max: 0x1f })
  .filter(c => c !== 0x09 && c !== 0x0a && c !== 0x0d)
  .map(c => String.fromCharCode(c));

const nul = withChar(fc.constantFrom('\u0000', '\u0000\u0000'));
const control = withChar(fc.oneof(controlChar, fc.constant('\u007f')));
const long = fc
  .tuple(
    fc.integer({ min: 5_000, max: 70_000 }),
    fc.constantFrom('a', 'é', '𝌆'),
  )
  .map(([n, c]) => c.repeat(Math.ceil(n / c.length)));
const unicode = fc.oneof(
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
    // eslint-disable-next-line no-control-regex
    .filter(s => /[^\u0000-\u007f]/.test(s)),
  fc.constantFrom(
    'Zoë Ångström',
    '💥🚀',
    'שלום',
    'e\u0301\u0301\u0301',
    '\ud800',
    '\udfff orphan',
    '\ufeffbom',
    '\u202eevil',
  ),
);

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const dateOutOfRange = fc.oneof(
  fc.constantFrom(
    '0000-01-01',
    '0000-01-01T00:00:00Z',
    '10000-01-01',
    '+010000-01-01T00:00:00.000Z',
    '-000001-01-01T00:00:00.000Z',
    '-271821-04-19T00:00:00.000Z',
    '+275760-09-13T00:00:00.000Z',
    '9999-12-31T23:59:60Z',
  ),
  fc.integer({ min: 10_000, max: 999_999 }).map(y => `${y}-01-01T00:00:00Z`),
);

const dateImpossible = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1970, max: 2100 }),
      fc.constantFrom(
        [2, 30],
        [2, 31],
        [4, 31],
        [6, 31],
        [9, 31],
        [11, 31],
        [13, 1],
        [0, 10],
        [1, 0],
        [1, 32],
      ),
    )
    .map(([y, [m, d]]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.constantFrom(
    '2026-02-29',
    '2026-02-30T10:00:00Z',
    '2026-01-01T24:30:00Z',
    '2026-01-01T10:60:00Z',
  ),
);

const dateMalformed = fc.oneof(
  fc.constantFrom(
    'yesterday',
    '2026-1-1',
    '2026/01/01',
    '01/02/2026',
    '2026-01-01T',
    'NaN',
    '1767225600000',
    '',
    ' ',
  ),
  fc.string({ maxLength: 20 }).filter(s => !/^\d{4}-\d{2}-\d{2}/.test(s)),
);

const nonFinite = fc.constantFrom(
  new RawJson('1e999'),
  new RawJson('-1e999'),
  new RawJson('1e400'),
);
const huge = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, 1.7e308, 1e300, -1e300),
  fc.double({ min: 1e100, max: 1e308, noNaN: true }),
);
const negativeZero = fc.constant(new RawJson('-0'));
const numberString = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '12abc',
  '1,5',
  '--1',
  '',
  ' ',
  '0x1G',
  'one',
);
const int4Overflow = fc.oneof(
  fc.constantFrom(2147483648, -2147483649, 4294967296),
  fc.integer({ min: 2 ** 31, max: 2 ** 40 }),
);
const int8Overflow = fc.constantFrom(
  new RawJson('9223372036854775808'),
  new RawJson('-9223372036854775809'),
  new RawJson('18446744073709551616'),
  new RawJson('9007199254740993'),
  new RawJson('1e19'),
);

const badEntityRef = fc.oneof(
  fc.constantFrom(
    'user:default/jane\u0000doe',
    'group:default/\u0000',
    '\u0000',
    'component:default/',
    ':default/x',
    'component:/x',
    'a:b:c/d/e',
    'component:default/a/b',
    '::',
    '/',
    'component:default/a b',
    'group:default/team\nadmins',
    `component:default/${'x'.repeat(300)}`,
  ),
  withChar(fc.constantFrom('\u0000', '\u0001', '\u001b')).map(
    s => `component:default/${s}`,
  ),
);

/** Values of each JSON type, keyed by the field types they would be right for. */
const typedValues: Array<{ fits: FieldType[]; value: unknown }> = [
  { fits: [], value: null },
  { fits: ['boolean'], value: true },
  { fits: ['boolean'], value: false },
  { fits: ['number', 'integer'], value: 42 },
  { fits: ['number'], value: 0.5 },
  { fits: ['text', 'entityRef', 'date', 'enum'], value: 'text' },
  { fits: ['array'], value: [] },
  { fits: ['array'], value: [1, 'two', null] },
  { fits: ['object'], value: {} },
  { fits: ['object'], value: { nested: { deeper: [1] } } },
];

/** JSON values of any type but the field's. */
export function wrongTypeFor(type: FieldType): fc.Arbitrary<unknown> {
  return fc.constantFrom(
    ...typedValues.filter(v => !v.fits.includes(type)).map(v => v.value),
  );
}

/** The values of one hostile class, for a field of the given type. */
export function hostileValues(
  hostileClass: HostileClass,
  type: FieldType = 'text',
): fc.Arbitrary<unknown> {
  switch (hostileClass) {
    case 'nul':
      return nul;
    case 'control':
      return control;
    case 'long':
      return long;
    case 'unicode':
      return unicode;
    case 'dateOutOfRange':
      return dateOutOfRange;
    case 'dateImpossible':
      return dateImpossible;
    case 'dateMalformed':
      return dateMalformed;
    case 'nonFinite':
      return nonFinite;
    case 'huge':
      return huge;
    case 'negativeZero':
      return negativeZero;
    case 'numberString':
      return numberString;
    case 'int4Overflow':
      return int4Overflow;
    case 'int8Overflow':
      return int8Overflow;
    case 'wrongType':
      return wrongTypeFor(type);
    case 'badEntityRef':
      return badEntityRef;
    default:
      throw new Error(`unknown hostile class ${hostileClass satisfies never}`);
  }
}

/**
 * Which classes a field of each type must refuse (4xx naming the field), and which it may
 * accept or refuse as its contract says, as long as it does not fail (no 5xx).
 */
export const DEFAULT_CLASSES: Record<
  FieldType,
  { refuse: HostileClass[]; tolerate: HostileClass[] }
> = {
  text: {
    refuse: ['nul', 'wrongType'],
    tolerate: ['control', 'long', 'unicode'],
  },
  entityRef: {
    refuse: ['nul', 'control', 'badEntityRef', 'wrongType'],
    tolerate: ['long', 'unicode'],
  },
  date: {
    refuse: [
      'nul',
      'dateOutOfRange',
      'dateImpossible',
      'dateMalformed',
      'wrongType',
    ],
    tolerate: ['long', 'unicode'],
  },
  number: {
    refuse: ['nul', 'nonFinite', 'numberString', 'wrongType'],
    tolerate: ['huge', 'negativeZero', 'int4Overflow', 'int8Overflow'],
  },
  integer: {
    refuse: ['nul', 'nonFinite', 'numberString', 'int8Overflow', 'wrongType'],
    tolerate: ['huge', 'negativeZero', 'int4Overflow'],
  },
  boolean: { refuse: ['nul', 'wrongType'], tolerate: ['numberString'] },
  enum: {
    refuse: ['nul', 'control', 'wrongType'],
    tolerate: ['long', 'unicode'],
  },
  object: { refuse: ['nul', 'wrongType'], tolerate: [] },
  array: { refuse: ['nul', 'wrongType'], tolerate: [] },
};

/**
 * What a number with a range (an amount, a count, a page size, a version) must refuse: every
 * class of a number outside it, not only those outside any number.
 */
export const BOUNDED_NUMBER_CLASSES: HostileClass[] = [
  'nul',
  'nonFinite',
  'numberString',
  'wrongType',
  'huge',
  'int4Overflow',
  'int8Overflow',
];
