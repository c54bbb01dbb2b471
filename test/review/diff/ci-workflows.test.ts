// The CI examples: the workflow files parse, call only commands and files that exist, and keep
// the properties docs/ci.md promises (no credentials for the review, approval before prod).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { HELP } from '../../../cli/main';

const ROOT = path.resolve(__dirname, '../../..');
const CI = path.join(ROOT, 'examples/ci/github');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const upsert = require(path.join(CI, 'upsert-comment.js')) as ((o: object) => Promise<{ action: string; id: number }>) & { commentBody: (m: string, t: string, x: string) => string; LIMIT: number };

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
  'working-directory'?: string;
}
interface Job {
  if?: string;
  environment?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflows = fs.readdirSync(CI).filter((f) => f.endsWith('.yml'));
const load = (f: string) => parse(fs.readFileSync(path.join(CI, f), 'utf8')) as Workflow;
const runs = (w: Workflow, job: string) => w.jobs[job].steps.map((s) => s.run ?? '').join('\n');
/** `prospect` commands in HELP: the registered ones. */
const registered = new Set([...HELP.matchAll(/^ {2}(\S+(?: \S+)?)\s{2,}/gm)].map((m) => m[1]));

describe('examples/ci workflows', () => {
  test('there are a pull-request and an apply workflow', () => {
    expect(workflows.sort()).toEqual(['apply.yml', 'pull-request.yml']);
  });

  test.each(workflows)('%s parses and calls only registered prospect commands, npm scripts and files that exist', (file) => {
    const text = fs.readFileSync(path.join(CI, file), 'utf8');
    const w = load(file);
    expect(typeof w.jobs).toBe('object');
    const commands = [...text.matchAll(/node bin\/prospect\.js (\S+)/g)].map((m) => m[1]);
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(registered).toContain(c);
    for (const m of text.matchAll(/npm run (\S+)/g)) expect(pkg.scripts).toHaveProperty(m[1]);
    for (const m of text.matchAll(/require\('\.\/([^']+)'\)/g)) expect(fs.existsSync(path.join(ROOT, m[1]))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, 'bin/prospect.js'))).toBe(true);
    const specDir = (text.match(/SPEC_DIR: (\S+)/) ?? [])[1];
    expect(fs.existsSync(path.join(ROOT, specDir))).toBe(true);
    // Every step is either an action or a script.
    for (const job of Object.values(w.jobs)) for (const s of job.steps) expect(Boolean(s.uses) !== Boolean(s.run)).toBe(true);
  });

  test('the pull-request review needs no credentials, fetches history and posts prospect diff against the base branch', () => {
    const w = load('pull-request.yml');
    expect(Object.keys(w.on)).toEqual(['pull_request']);
    const review = w.jobs.review;
    expect(review.permissions).toBeUndefined();
    expect(w.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(review.steps.some((s) => (s.uses ?? '').startsWith('aws-actions/'))).toBe(false);
    expect(review.steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    const script = runs(w, 'review');
    expect(script).toMatch(/node bin\/prospect\.js validate "\$SPEC_DIR"/);
    expect(script).toMatch(/node bin\/prospect\.js synth "\$SPEC_DIR" --env "\$env" --out cdktf\.out/);
    expect(script).toContain('node bin/prospect.js diff "$SPEC_DIR" --base "origin/$BASE_REF" --format markdown');
    const post = review.steps.find((s) => s.uses === 'actions/github-script@v7');
    expect(String(post?.with?.script)).toContain("marker: 'prospect-diff'");
  });

  test('the plan job runs only where a role is configured, per environment, rendered by plan-report', () => {
    const w = load('pull-request.yml');
    expect(w.jobs.plan.if).toMatch(/^vars\.AWS_PLAN_ROLE_ARN != ''/);
    expect(w.jobs.plan.permissions).toMatchObject({ 'id-token': 'write' });
    const script = runs(w, 'plan');
    expect(script).toContain('terraform show -json tfplan > plan.json');
    expect(script).toContain('node bin/prospect.js plan-report "cdktf.out/stacks/$ENV_NAME/plan.json" --format markdown');
  });

  test('apply: dev automatically, prod planned first and applied behind the prod environment', () => {
    const w = load('apply.yml');
    expect(w.on).toEqual({ push: { branches: ['main'] } });
    expect(w.jobs['apply-dev'].environment).toBe('dev');
    expect(w.jobs['plan-prod'].needs).toBe('apply-dev');
    expect(w.jobs['plan-prod'].environment).toBeUndefined();
    expect(w.jobs['apply-prod']).toMatchObject({ needs: 'plan-prod', environment: 'prod' });
    expect(runs(w, 'apply-prod')).toContain('terraform apply -input=false tfplan');
    expect(w.jobs['apply-prod'].steps.find((s) => s.run?.includes('terraform apply'))?.['working-directory']).toBe('cdktf.out/stacks/prod');
    expect(runs(w, 'apply-dev')).not.toMatch(/auto-approve/);
  });
});

describe('upsert-comment.js', () => {
  function fakeGithub(existing: { id: number; body: string; user: { type: string } }[]) {
    const calls: string[] = [];
    const listComments = () => undefined;
    return {
      calls,
      github: {
        paginate: async (fn: unknown) => (fn === listComments ? existing : []),
        rest: {
          issues: {
            listComments,
            updateComment: async (o: { comment_id: number; body: string }) => void calls.push(`update ${o.comment_id} ${o.body.split('\n')[0]}`),
            createComment: async (o: { body: string }) => (calls.push(`create ${o.body.split('\n')[0]}`), { data: { id: 99 } }),
          },
        },
      },
    };
  }
  const context = { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } };

  test('creates the comment once, then updates the same one', async () => {
    const first = fakeGithub([{ id: 1, body: '<!-- prospect-plan-dev -->\nplan', user: { type: 'Bot' } }]);
    expect(await upsert({ github: first.github, context, marker: 'prospect-diff', body: 'x' })).toEqual({ action: 'created', id: 99 });
    const again = fakeGithub([
      { id: 1, body: '<!-- prospect-plan-dev -->\nplan', user: { type: 'Bot' } },
      { id: 5, body: '<!-- prospect-diff -->\nold', user: { type: 'Bot' } },
      { id: 6, body: '<!-- prospect-diff -->\nquoted by a person', user: { type: 'User' } },
    ]);
    expect(await upsert({ github: again.github, context, marker: 'prospect-diff', body: 'x' })).toEqual({ action: 'updated', id: 5 });
    expect(again.calls).toEqual(['update 5 <!-- prospect-diff -->']);
  });

  test('the body fits a GitHub comment, with a note when it had to be cut', () => {
    expect(upsert.commentBody('m', 'title', 'report')).toBe('<!-- m -->\n#### title\n\nreport');
    const big = upsert.commentBody('m', 't', 'x'.repeat(upsert.LIMIT));
    expect(big.length).toBeLessThanOrEqual(upsert.LIMIT);
    expect(big).toMatch(/\*\*Cut:\*\* the report did not fit in a GitHub comment; see the job summary for all of it\.\n$/);
  });
});
