import * as fs from 'fs';
import * as path from 'path';
import { parsePlan } from '../../review/plan';
import { GITHUB_COMMENT_LIMIT, esc, renderJson, renderMarkdown, renderText } from '../../review/render';
import { ChangeReport } from '../../review/report';
import { GOLDEN_DIR, fixtureNames, readFixture } from './fixtures';
import { secretOf, syntheticPlan } from './synthetic-plan';

// Golden files were written once with UPDATE_GOLDEN=1, then read and checked by a person.
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const VALID = fixtureNames().filter((f) => f !== 'invalid-not-a-plan.json');

describe('renderMarkdown golden outputs', () => {
  it.each(VALID)('renders %s exactly as its golden file', (file) => {
    const md = renderMarkdown(parsePlan(readFixture(file), file));
    const golden = path.join(GOLDEN_DIR, file.replace(/\.json$/, '.md'));
    if (UPDATE) fs.writeFileSync(golden, md);
    expect(md).toBe(fs.readFileSync(golden, 'utf8'));
  });
});

describe('renderMarkdown layout', () => {
  const report = parsePlan(readFixture('aws-lambda-events-delete-update.json'), 'plan.json');
  const md = renderMarkdown(report);

  it('starts with the one-line summary, no-ops counted apart', () => {
    expect(md.split('\n')[0]).toBe('**Terraform plan:** 5 to create, 1 to update, 0 to replace, 2 to destroy; 7 unchanged');
  });

  it('puts risks and destroys before the details, and the details collapsed per resource', () => {
    const risks = md.indexOf('### Risks (3)');
    const destroys = md.indexOf('### Destroyed or replaced (2)');
    const details = md.indexOf('### Resource changes (8)');
    expect(risks).toBeGreaterThan(0);
    expect(destroys).toBeGreaterThan(risks);
    expect(details).toBeGreaterThan(destroys);
    const changes = md.slice(details, md.indexOf('### Output changes'));
    expect(changes.match(/<details><summary>/g)).toHaveLength(8);
    expect(changes.match(/<\/details>/g)).toHaveLength(8);
  });

  it('lists only the changed attributes of an update', () => {
    const block = md.slice(md.indexOf('<details><summary>update'), md.indexOf('</details>', md.indexOf('<details><summary>update')));
    expect(block).toContain('| <code>arn</code> | <code>""</code> | (known after apply) |');
    expect(block).not.toContain('event_bus_name');
  });

  it('is the same whatever order the plan lists its resources in', () => {
    const plan = JSON.parse(readFixture('aws-lambda-events-delete-update.json'));
    plan.resource_changes.reverse();
    plan.resource_drift.reverse();
    const shuffled = parsePlan(JSON.stringify(plan), 'plan.json');
    expect(renderMarkdown(shuffled)).toBe(md);
    expect(renderText(shuffled)).toBe(renderText(report));
    expect(renderJson(shuffled)).toBe(renderJson(report));
  });
});

describe('escaping', () => {
  const nasty = 'x|y <script>alert(1)</script> @octocat #12 `code` *b* [l](http://e) \\ ~~s~~\nnext';
  const plan = {
    format_version: '1.2',
    planned_values: {},
    resource_changes: [
      {
        address: 'aws_s3_object.o["a|b@c"]',
        mode: 'managed',
        type: 'aws_s3_object',
        name: 'o',
        index: 'a|b@c',
        change: { actions: ['update'], before: { body: 'old' }, after: { body: nasty }, before_sensitive: {}, after_sensitive: {} },
      },
    ],
  };
  const md = renderMarkdown(parsePlan(JSON.stringify(plan)));

  it('keeps every table row whole and shows no raw HTML or markdown from values', () => {
    const row = md.split('\n').find((l) => l.startsWith('| <code>body</code>'))!;
    expect(row.split('|')).toHaveLength(5); // | path | before | after |
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('@octocat');
    expect(md).not.toMatch(/(?<!&)#12/);
    expect(md).not.toContain('[l](');
    expect(md).toContain('&lt;script&gt;');
  });

  it('leaves underscores inside words and brackets that cannot make a link alone', () => {
    expect(esc('aws_s3_bucket.b[0]')).toBe('aws_s3_bucket.b[0]');
    expect(esc('_id')).toBe('&#95;id');
    expect(esc('[a](b)')).toBe('&#91;a&#93;(b)');
  });
});

describe('renderMarkdown under the GitHub comment limit', () => {
  it('cuts the details of a huge plan, keeping the summary and every risk, and says so', () => {
    const report = parsePlan(JSON.stringify(syntheticPlan({ resources: 3000, shape: 'quiet' })), 'big.json');
    const md = renderMarkdown(report);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md.split('\n')[0]).toBe('**Terraform plan:** 0 to create, 2970 to update, 0 to replace, 30 to destroy');
    expect(report.risks).toHaveLength(30);
    expect(md).toContain('### Risks (30)');
    for (const r of report.risks) expect(md).toContain(`<code>${r.address}</code>: ${r.message}`);
    expect(md).toContain('### Destroyed or replaced (30)');
    expect(md).not.toContain('Risks cut');
    const changed = report.resources.filter((r) => r.action !== 'no-op').length;
    const shown = (md.match(/<details><summary>/g) ?? []).length;
    expect(shown).toBeLessThan(changed);
    expect(md).toContain(
      `**Details cut:** ${changed - shown} of ${changed} resources not shown because the comment limit is 65,536 characters; the text and json formats show all of them.`,
    );
    expect(md.trimEnd().endsWith('</sub>')).toBe(true);
  });

  it('cuts even the risk list when it alone is too long, keeping the summary first', () => {
    const report = parsePlan(JSON.stringify(syntheticPlan({ resources: 5000, shape: 'bucket-deletes' })), 'big.json');
    expect(report.risks).toHaveLength(5000);
    const md = renderMarkdown(report);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md.startsWith('**Terraform plan:** 0 to create, 0 to update, 0 to replace, 5000 to destroy')).toBe(true);
    expect(md).toMatch(/\*\*Risks cut:\*\* \d+ of 5000 risks not shown because the comment limit is 65,536 characters/);
    expect(md).toContain('**Details cut:** 5000 of 5000 resources not shown');
  });

  it('honours a smaller limit', () => {
    const report = parsePlan(readFixture('aws-lambda-events-delete-update.json'));
    const md = renderMarkdown(report, { maxChars: 4000 });
    expect(md.length).toBeLessThanOrEqual(4000);
    expect(md).toContain('### Risks (3)');
    expect(md).toMatch(/\*\*Details cut:\*\* \d+ of 8 resources not shown because the comment limit is 4,000 characters/);
  });

  it('cuts the risk list of a mixed plan with more risks than fit, high ones first', () => {
    const report = parsePlan(JSON.stringify(syntheticPlan({ resources: 3000 })), 'big.json');
    const md = renderMarkdown(report);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md.split('\n')[0]).toBe('**Terraform plan:** 1000 to create, 750 to update, 500 to replace, 250 to destroy, 250 to read; 250 unchanged');
    expect(md).toMatch(new RegExp(`\\*\\*Risks cut:\\*\\* \\d+ of ${report.risks.length} risks not shown`));
    expect(md.indexOf('- **high**')).toBeLessThan(md.indexOf('- medium'));
  });

  it('never prints the planted secrets of the huge plan, in any format', () => {
    const report = parsePlan(JSON.stringify(syntheticPlan({ resources: 600 })));
    const all = renderMarkdown(report, { maxChars: 10_000_000 }) + renderText(report) + renderJson(report);
    for (let i = 0; i < 600; i++) expect(all.includes(secretOf(i))).toBe(false);
    expect(all).not.toContain('tok-before-secret');
    expect(all).not.toContain('tok-after-secret');
  });
});

describe('renderText and renderJson', () => {
  it('renders the replacement of local_file.test for a terminal', () => {
    const text = renderText(parsePlan(readFixture('local-file-modify.json'), 'plan.json'));
    expect(text).toContain('Terraform plan: 0 to create, 0 to update, 2 to replace, 0 to destroy; 1 unchanged\n');
    expect(text).toContain(
      '  -/+ local_file.test  (replace)\n        Replaced (destroyed, then created again): the provider cannot update it in place; a change to content forces replacement.\n        content: (sensitive) -> (sensitive)  # forces replacement\n',
    );
  });

  it('renders the whole report as JSON with a version', () => {
    const report = parsePlan(readFixture('replace-tainted.json'), 'plan.json');
    const json = JSON.parse(renderJson(report)) as ChangeReport & { reportVersion: number };
    expect(json.reportVersion).toBe(1);
    expect(json.counts.replace).toBe(1);
    expect(json.resources[0].replaceReasons).toEqual(['the resource is tainted']);
  });

  it('renders spec-level changes when a report carries them', () => {
    const base = parsePlan(readFixture('empty.json'));
    const report: ChangeReport = {
      ...base,
      specChanges: [
        { kind: 'Audience', name: 'golfers', change: 'added', file: 'audiences.yaml', fields: [] },
        {
          kind: 'Dataset',
          name: 'acme-prospects',
          change: 'changed',
          file: 'datasets.yaml',
          fields: [{ path: 'spec.expiration.afterDays', before: { kind: 'value', value: 90 }, after: { kind: 'value', value: 30 } }],
        },
      ],
    };
    const md = renderMarkdown(report);
    expect(md).toContain('### Spec changes (2)');
    expect(md).toContain('- added Audience <code>golfers</code> in <code>audiences.yaml</code>');
    expect(md).toContain('| <code>spec.expiration.afterDays</code> | <code>90</code> | <code>30</code> |');
    expect(md.indexOf('No resource changes.')).toBeGreaterThan(0);
    expect(renderText(report)).toContain('  changed Dataset acme-prospects (datasets.yaml)\n        spec.expiration.afterDays: 90 -> 30\n');
  });
});

describe('renderText safety', () => {
  it('never sends control characters from a plan to the terminal', () => {
    const plan = {
      format_version: '1.2',
      planned_values: {},
      resource_changes: [{ address: 'aws_x.a["\u001b[31mred"]', type: 'aws_x', name: 'a', change: { actions: ['delete'], before: { id: '1' }, after: null } }],
    };
    const text = renderText(parsePlan(JSON.stringify(plan)));
    expect(text).not.toContain('\u001b');
    expect(text).toContain('aws_x.a["\\u001b[31mred"]');
  });
});
