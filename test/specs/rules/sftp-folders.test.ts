import * as path from 'node:path';
import { validateSpecDir } from '../../../specs/validate';

const INVALID = path.resolve(__dirname, '..', '..', '..', 'examples', 'invalid', 'sftp-folders');
const EXAMPLE = path.resolve(__dirname, '..', '..', '..', 'examples', 'prospecting');

describe('rule sftp-folders', () => {
  test('the example, whose sftp source and destination have different names, passes', () => {
    expect(validateSpecDir(EXAMPLE).diagnostics.filter((d) => d.code === 'sftp-folders')).toEqual([]);
  });

  test('an sftp destination named like an sftp source is an error at its name', () => {
    expect(validateSpecDir(INVALID).diagnostics).toEqual([
      {
        code: 'sftp-folders',
        severity: 'error',
        message: 'sftp destination "acme-sftp-weekly" has the name of an sftp source: locally both are the folder sftp/acme-sftp-weekly, so exports would be ingested as partner files; rename one of them',
        file: 'destinations.yaml',
        line: 32,
        column: 9,
        path: '$.metadata.name',
      },
    ]);
  });
});
