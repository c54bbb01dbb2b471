import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SECURITY_RULES } from '../../checks/all-rules';

// The README table is written by hand; this keeps it and the rule set in step.
describe('checks/README.md', () => {
  const readme = readFileSync(join(__dirname, '../../checks/README.md'), 'utf8');
  const rows = readme.split('\n').filter((l) => /^\| `[A-Z0-9_]+` \|/.test(l)).map((l) => /^\| `([A-Z0-9_]+)`/.exec(l)![1]);

  it('has one table row per rule, in the order of SECURITY_RULES', () => {
    expect(rows).toEqual(SECURITY_RULES.map((r) => r.id));
  });

  it('every rule file is in SECURITY_RULES', () => {
    const files = readdirSync(join(__dirname, '../../checks/rules')).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(files).toEqual(SECURITY_RULES.map((r) => r.id).sort());
  });
});
