import { csvCell, CsvValue, toCsv } from './csv';

describe('csvCell', () => {
  it.each<[string, CsvValue, string]>([
    ['empty for null', null, ''],
    ['empty for undefined', undefined, ''],
    ['plain text as it is', 'Platform team', 'Platform team'],
    ['an integer', 42, '42'],
    ['a decimal with a dot', 30.77, '30.77'],
    ['a negative number as a number', -5, '-5'],
    ['empty for NaN', Number.NaN, ''],
    ['empty for Infinity', Number.POSITIVE_INFINITY, ''],
    ['a boolean', true, 'true'],
    ['a comma quoted', 'a,b', '"a,b"'],
    ['a quote doubled and quoted', 'say "hi"', '"say ""hi"""'],
    ['a line feed quoted', 'one\ntwo', '"one\ntwo"'],
    // formula injection (OWASP): the cell becomes text
    [
      '= prefixed',
      '=HYPERLINK("http://x","y")',
      `"'=HYPERLINK(""http://x"",""y"")"`,
    ],
    ['+ prefixed', '+1+1', "'+1+1"],
    ['- prefixed in text', '-2+3', "'-2+3"],
    ['@ prefixed', '@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['tab prefixed', '\t=1', "'\t=1"],
    ['carriage return prefixed and quoted', '\r=1', `"'\r=1"`],
    ['= prefixed with a comma, then quoted', '=1,2', `"'=1,2"`],
    ['a formula sign later in the text left alone', 'a=b', 'a=b'],
  ])('%s', (_, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('joins cells with commas and rows with CRLF, ending with a line break', () => {
    expect(
      toCsv([
        ['metric', 'value'],
        ['deployments', 12],
        ['owner', '=cmd|calc'],
      ]),
    ).toBe("metric,value\r\ndeployments,12\r\nowner,'=cmd|calc\r\n");
  });

  it('writes nothing for no rows', () => {
    expect(toCsv([])).toBe('');
  });
});
