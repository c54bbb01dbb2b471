import { edit } from '../fixtures';
import { ruleTable } from '../rule-table';

const TEMPLATE = 'nameTemplate: "%DESTINATION_NAME%_%AUDIENCE_NAME%_%DATETIME(YYYYMMdd_HHmmss)%.csv"';
const template = (yaml: string) => edit('destinations.yaml', TEMPLATE, `nameTemplate: ${yaml}`);

ruleTable('name-template', {
  valid: [
    { name: 'the default-like template', patches: [] },
    { name: 'a sub-folder, an id and a timestamp', patches: [template('"%AUDIENCE_ID%/%TIMESTAMP%.csv"')] },
    { name: 'a plain scalar with a custom date pattern', patches: [template('export_%DATETIME(yyyy-MM-dd_HH.mm.ss.SSS)%.csv')] },
    { name: 'literal text only', patches: [template('audience.csv')] },
  ],
  invalid: [
    {
      name: 'an unknown macro, at the macro inside the string',
      patches: [template('"%DESTINATION_NAME%_%AUDIENCE%.csv"')],
      diagnostics: [
        {
          code: 'name-template',
          message: 'nameTemplate "%DESTINATION_NAME%_%AUDIENCE%.csv": unknown macro "%AUDIENCE%": use %DESTINATION_NAME%, %AUDIENCE_NAME%, %AUDIENCE_ID%, %DATETIME(YYYYMMdd_HHmmss)% or %TIMESTAMP%',
          at: ['destinations.yaml', '%AUDIENCE%'],
          path: '$.spec.file.nameTemplate',
        },
      ],
    },
    {
      name: '".." leaving the prefix',
      patches: [template('"exports/../%AUDIENCE_NAME%.csv"')],
      diagnostics: [{ code: 'name-template', message: '".." would leave the destination\'s prefix or path: remove it', at: ['destinations.yaml', '..'] }],
    },
    {
      name: 'an absolute name',
      patches: [template('"/tmp/%AUDIENCE_NAME%.csv"')],
      diagnostics: [{ code: 'name-template', message: 'file names must be relative: remove the leading slash', at: ['destinations.yaml', '/tmp/', '/'] }],
    },
    {
      name: 'an unclosed macro',
      patches: [template('"%AUDIENCE_NAME%_%DATETIME(YYYY"')],
      diagnostics: [{ code: 'name-template', message: 'unclosed macro starting at "%DATETIME(YYYY": macros are written %NAME%', at: ['destinations.yaml', '%DATETIME(YYYY"', '%'] }],
    },
    {
      name: 'an unknown date pattern letter',
      patches: [template('"%AUDIENCE_NAME%_%DATETIME(YYYYMMddQ)%"')],
      diagnostics: [{ code: 'name-template', message: '%DATETIME(YYYYMMddQ)% has an unknown pattern letter: use YYYY, MM, dd, HH, mm, ss, SSS and separators', at: ['destinations.yaml', '%DATETIME(YYYYMMddQ)%'] }],
    },
    {
      name: 'a backslash, written as an escape in a double-quoted string',
      patches: [template('"a\\\\b_%AUDIENCE_NAME%"')],
      diagnostics: [{ code: 'name-template', message: 'backslashes are not allowed in file names', at: ['destinations.yaml', '\\\\b', '\\'] }],
    },
    {
      name: 'two problems in one template, each at its offset',
      patches: [template("'/../%AUDIENCE_NAME%'")],
      diagnostics: [
        { code: 'name-template', message: 'file names must be relative', at: ['destinations.yaml', "'/..", '/'] },
        { code: 'name-template', message: '".." would leave', at: ['destinations.yaml', "'/..", '..'] },
      ],
    },
  ],
});
