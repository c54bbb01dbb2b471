// Export file names from nameTemplate macros: parsing (for the validator) and rendering.
import { DEFAULT_NAME_TEMPLATE, parseNameTemplate, renderNameTemplate } from '../../specs/name-template';

const values = { destinationName: 'match-s3', audienceName: 'west-coast', audienceId: 'aud-42', time: new Date(Date.UTC(2026, 0, 5, 7, 8, 9, 45)) };

describe('parseNameTemplate', () => {
  it('splits text, macros and date patterns with their offsets', () => {
    expect(parseNameTemplate('x_%AUDIENCE_NAME%_%DATETIME(YYYY-MM-dd)%.csv')).toEqual({
      parts: [
        { kind: 'text', text: 'x_', offset: 0 },
        { kind: 'macro', name: 'AUDIENCE_NAME', offset: 2 },
        { kind: 'text', text: '_', offset: 17 },
        { kind: 'datetime', pattern: 'YYYY-MM-dd', offset: 18 },
        { kind: 'text', text: '.csv', offset: 40 },
      ],
      problems: [],
    });
  });

  it.each([DEFAULT_NAME_TEMPLATE, '%DESTINATION_NAME%_%AUDIENCE_ID%_%TIMESTAMP%.json', 'a/b/%AUDIENCE_NAME%.csv', 'plain.csv', '%DATETIME(yyyyMMdd_HHmmss.SSS)%', 'v1.2_%AUDIENCE_NAME%'])('accepts %j', (t) => {
    expect(parseNameTemplate(t).problems).toEqual([]);
  });

  it.each([
    ['%AUDIENCE%.csv', 0, 'unknown macro "%AUDIENCE%": use %DESTINATION_NAME%, %AUDIENCE_NAME%, %AUDIENCE_ID%, %DATETIME(YYYYMMdd_HHmmss)% or %TIMESTAMP%'],
    ['x_%audience_name%', 2, 'unknown macro "%audience_name%"'],
    ['x_%AUDIENCE_NAME', 2, 'unclosed macro starting at "%AUDIENCE_NAME": macros are written %NAME%'],
    ['a_%DATETIME(YYYYMMddQ)%', 2, '%DATETIME(YYYYMMddQ)% has an unknown pattern letter: use YYYY, MM, dd, HH, mm, ss, SSS and separators'],
    ['a_%DATETIME()%', 2, 'unknown macro "%DATETIME()%"'],
    ['/abs.csv', 0, 'file names must be relative: remove the leading slash'],
    ['\\abs.csv', 0, 'file names must be relative'],
    ['../up.csv', 0, '".." would leave the destination\'s prefix or path: remove it'],
    ['a/../b.csv', 2, '".." would leave'],
    ['a\\b.csv', 1, 'backslashes are not allowed in file names'],
  ])('rejects %j at offset %d', (t, offset, message) => {
    const { problems } = parseNameTemplate(t);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].offset).toBe(offset);
    expect(problems[0].message).toContain(message);
  });

  it('reports every problem', () => {
    expect(parseNameTemplate('/../%NOPE%').problems.map((p) => p.offset)).toEqual([4, 0, 1]);
  });
});

describe('renderNameTemplate', () => {
  it.each([
    [DEFAULT_NAME_TEMPLATE, 'match-s3_west-coast_20260105_070809'],
    ['%AUDIENCE_ID%_%TIMESTAMP%.json', `aud-42_${Math.floor(values.time.getTime() / 1000)}.json`],
    ['%DATETIME(yyyy-MM-dd HH.mm.ss.SSS)%', '2026-01-05 07.08.09.045'],
    ['%DATETIME(DD)%', '05'],
    ['out/%AUDIENCE_NAME%.csv', 'out/west-coast.csv'],
    ['out//%AUDIENCE_NAME%.csv', 'out/west-coast.csv'],
  ])('%j -> %j', (t, expected) => {
    expect(renderNameTemplate(t, values)).toBe(expected);
  });

  it('makes values safe: no slashes or ".." come from names', () => {
    const out = renderNameTemplate('%AUDIENCE_NAME%/%DESTINATION_NAME%.csv', { ...values, audienceName: '../../etc/passwd', destinationName: 'a b:c' });
    expect(out).toBe('____etc_passwd/a_b_c.csv');
    expect(out).not.toContain('..');
  });

  it('throws on an invalid template (the validator rejects it first)', () => {
    expect(() => renderNameTemplate('%NOPE%', values)).toThrow('invalid nameTemplate "%NOPE%": unknown macro');
  });
});
