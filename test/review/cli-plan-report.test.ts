import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runPlanReport } from '../../review/cli-plan-report';
import { PLAN_FIXTURES } from './fixtures';

const fixture = (name: string) => path.join(PLAN_FIXTURES, name);

describe('runPlanReport', () => {
  it('renders a plan as markdown, json or text with exit 0', () => {
    const md = runPlanReport({ file: fixture('replace-tainted.json'), format: 'markdown' });
    expect(md.exitCode).toBe(0);
    expect(md.output.split('\n')[0]).toBe('**Terraform plan:** 0 to create, 0 to update, 1 to replace, 0 to destroy');
    const json = runPlanReport({ file: fixture('replace-tainted.json'), format: 'json' });
    expect(JSON.parse(json.output).counts.replace).toBe(1);
    const text = runPlanReport({ file: fixture('replace-tainted.json'), format: 'text' });
    expect(text.output.split('\n')[0]).toBe('Terraform plan: 0 to create, 0 to update, 1 to replace, 0 to destroy');
  });

  it('exits 1 with one line for a file that is not a plan', () => {
    const file = fixture('invalid-not-a-plan.json');
    const r = runPlanReport({ file, format: 'markdown' });
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(new RegExp(`^PlanFormatError: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a terraform plan \\(invalid JSON at line 676, column \\d+: [^\\n]*\\)\\n$`));
  });

  it('exits 2 for a missing file or a folder, saying what to pass', () => {
    const missing = runPlanReport({ file: '/nonexistent/plan.json', format: 'markdown' });
    expect(missing).toEqual({ output: 'plan-report: /nonexistent/plan.json: no such file; pass the output of terraform show -json PLANFILE\n', exitCode: 2 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-report-'));
    try {
      expect(runPlanReport({ file: dir, format: 'text' })).toEqual({ output: `plan-report: ${dir}: is a folder; pass the JSON plan file\n`, exitCode: 2 });
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('exits 2 for an unknown format', () => {
    const r = runPlanReport({ file: fixture('empty.json'), format: 'html' as never });
    expect(r).toEqual({ output: 'plan-report: unknown --format "html"; use markdown, json or text\n', exitCode: 2 });
  });
});
