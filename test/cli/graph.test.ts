// `prospect graph [DIR] [--env NAME] [--format mermaid|dot]`: lineage source -> dataset ->
// audience -> activation -> destination of the bundled example.
import * as path from 'node:path';
import { bufferIo } from '../../cli/io';
import { main } from '../../cli/main';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'prospecting');
const INVALID = path.resolve(__dirname, '..', '..', 'examples', 'invalid', 'dangling-reference');

async function run(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const NODES = {
  source_acme_s3_drop: 'Source: acme-s3-drop',
  source_acme_sftp_weekly: 'Source: acme-sftp-weekly',
  dataset_acme_prospects: 'Dataset: acme-prospects',
  audience_golf_enthusiasts_30_55: 'Audience: golf-enthusiasts-30-55',
  audience_homeowners_with_email: 'Audience: homeowners-with-email',
  audience_west_coast_affluent: 'Audience: west-coast-affluent',
  activation_acme_match_daily: 'Activation: acme-match-daily',
  activation_golf_to_media_partner: 'Activation: golf-to-media-partner',
  destination_media_partner_sftp: 'Destination: media-partner-sftp',
  destination_partner_match_s3: 'Destination: partner-match-s3',
};

const EDGES = [
  'source_acme_s3_drop dataset_acme_prospects',
  'source_acme_sftp_weekly dataset_acme_prospects',
  'dataset_acme_prospects audience_golf_enthusiasts_30_55',
  'dataset_acme_prospects audience_homeowners_with_email',
  'dataset_acme_prospects audience_west_coast_affluent',
  'audience_homeowners_with_email activation_acme_match_daily',
  'audience_west_coast_affluent activation_acme_match_daily',
  'activation_acme_match_daily destination_partner_match_s3',
  'audience_golf_enthusiasts_30_55 activation_golf_to_media_partner',
  'activation_golf_to_media_partner destination_media_partner_sftp',
];

describe('prospect graph', () => {
  it('mermaid (the default): a left-to-right flowchart with every node and edge', async () => {
    const r = await run('graph', EXAMPLE);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart LR');
    const nodes = lines.filter((l) => !l.includes('-->')).slice(1);
    const edges = lines.filter((l) => l.includes('-->'));
    expect(nodes).toHaveLength(Object.keys(NODES).length);
    for (const [id, label] of Object.entries(NODES)) expect(nodes.some((l) => l.startsWith(`  ${id}`) && l.includes(`"${label}<br/>`))).toBe(true);
    expect(edges.map((l) => l.trim().replace(' --> ', ' '))).toEqual(EDGES);
  });

  it('mermaid: shapes per kind and details per node', async () => {
    const out = (await run('graph', EXAMPLE, '--format', 'mermaid')).stdout;
    expect(out).toContain('  source_acme_s3_drop[/"Source: acme-s3-drop<br/><small>s3 csv</small>"/]');
    expect(out).toContain('  dataset_acme_prospects[("Dataset: acme-prospects<br/><small>expires after 90 days</small>")]');
    expect(out).toContain('  audience_west_coast_affluent(["Audience: west-coast-affluent<br/><small>0 8 * * *</small>"])');
    expect(out).toContain('  activation_acme_match_daily["Activation: acme-match-daily<br/><small>daily, after segmentation</small>"]');
    expect(out).toContain('  destination_media_partner_sftp[\\"Destination: media-partner-sftp<br/><small>sftp json</small>"\\]');
  });

  it('dot: a digraph with every node (shape and label) and edge', async () => {
    const r = await run('graph', EXAMPLE, '--format', 'dot');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out.startsWith('digraph lineage {\n  rankdir=LR;\n')).toBe(true);
    expect(out.trimEnd().endsWith('}')).toBe(true);
    const nodes = [...out.matchAll(/^ {2}(\w+) \[shape=(\w+), label="((?:[^"\\]|\\.)*)"\];$/gms)].map((m) => ({ id: m[1], shape: m[2], label: m[3] }));
    expect(nodes.map((n) => n.id).sort()).toEqual(Object.keys(NODES).sort());
    for (const n of nodes) expect(n.label.startsWith(NODES[n.id as keyof typeof NODES])).toBe(true);
    expect(Object.fromEntries(nodes.map((n) => [n.id.split('_')[0], n.shape]))).toEqual({ source: 'parallelogram', dataset: 'cylinder', audience: 'ellipse', activation: 'box', destination: 'house' });
    const edges = [...out.matchAll(/^ {2}(\w+) -> (\w+);$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(edges).toEqual(EDGES);
  });

  it('every edge joins declared nodes, in both formats', async () => {
    for (const format of ['mermaid', 'dot']) {
      const out = (await run('graph', EXAMPLE, '--format', format)).stdout;
      for (const e of EDGES) for (const id of e.split(' ')) expect(out).toMatch(new RegExp(`^  ${id}[\\[\\(]|^  ${id} \\[`, 'm'));
    }
  });

  it('--env applies the environment overrides to the details', async () => {
    expect((await run('graph', EXAMPLE, '--env', 'dev')).stdout).toContain('expires after 30 days');
  });

  it('an invalid spec set prints its diagnostics and exits 1', async () => {
    const r = await run('graph', INVALID);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^dataset\.yaml:\d+:\d+  error  dangling-reference  /);
    expect(r.stderr).toContain('graph: the spec set has errors; fix them first (prospect validate)');
  });

  it.each([
    [['--format', 'png'], '--format must be one of mermaid, dot, got "png"'],
    [['--env', 'nope'], 'environment "nope" is not declared'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 for %j', async (extra, message) => {
    const r = await run('graph', EXAMPLE, ...extra);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
