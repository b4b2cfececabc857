import { BYTES_PER_GIB, parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it.each([
    // CPU: cores, or millicores with m (1 m = 1/1000 core)
    ['1', 1],
    ['0.5', 0.5],
    ['250m', 0.25], // 250 / 1000
    ['1500m', 1.5], // 1500 / 1000
    ['.5', 0.5],
    // memory: binary suffixes are powers of 1024
    ['1Ki', 1024],
    ['512Mi', 536_870_912], // 512 × 1024² = 512 × 1,048,576
    ['1Gi', 1_073_741_824], // 1024³
    ['1.5Gi', 1_610_612_736], // 1.5 × 1,073,741,824
    ['10Ti', 10_995_116_277_760], // 10 × 1024⁴
    // decimal suffixes are powers of 1000
    ['1k', 1000],
    ['128M', 128_000_000],
    ['2G', 2_000_000_000],
    // exponent form
    ['1e3', 1000],
    ['5E2', 500],
    [' 64Mi ', 67_108_864], // 64 × 1,048,576, surrounding blanks ignored
    [2, 2],
  ])('%p is %p', (quantity, expected) => {
    expect(parseQuantity(quantity)).toBeCloseTo(expected, 9);
  });

  it.each([
    '',
    'abc',
    '1 Gi',
    '1GB',
    '1Gii',
    '-1',
    '-250m',
    'Infinity',
    NaN,
    -1,
  ])('%p is not a request', quantity => {
    expect(parseQuantity(quantity)).toBeUndefined();
  });

  it('prices memory in GiB of 1024³ bytes', () => {
    expect(BYTES_PER_GIB).toBe(1024 * 1024 * 1024);
  });
});
