// Benchmark of the resource diff: two synthesized configurations of N resources each (the
// example's resource types, with a tenth updated, a tenth replaced, and some created and
// deleted), diffed, risk-checked and rendered as markdown. Prints the median of several runs.
// Synthesis is not included: `bench/synth` measures it.
// Run: npm run build && node dist/bench/diff.js [resources] [runs]

import { diffTerraform, TerraformJson } from '../review/diff/terraform-diff';
import { renderMarkdown } from '../review/render';
import { countChanges } from '../review/report';
import { resourceRisks } from '../review/resource-risks';

function configuration(n: number, variant: 0 | 1): TerraformJson {
  const resource: Record<string, Record<string, unknown>> = { aws_s3_bucket: {}, aws_sqs_queue: {}, aws_iam_role_policy: {}, aws_s3_bucket_lifecycle_configuration: {} };
  for (let i = 0; i < n; i++) {
    if (variant === 0 && i % 50 === 49) continue; // created in the head
    if (variant === 1 && i % 50 === 48) continue; // deleted in the head
    const changed = variant === 1 && i % 10 === 0;
    const replaced = variant === 1 && i % 10 === 5;
    const id = `Thing-${i}_Resource_${(i * 2654435761 >>> 0).toString(16).toUpperCase().slice(0, 8)}`;
    switch (i % 4) {
      case 0:
        resource.aws_s3_bucket[id] = { '//': { metadata: { path: `dev/${id}` } }, bucket: `bucket-${i}${replaced ? '-x' : ''}`, tags: { team: changed ? 'b' : 'a', index: String(i) } };
        break;
      case 1:
        resource.aws_sqs_queue[id] = { name: `queue-${i}${replaced ? '-x' : ''}`, kms_master_key_id: '${aws_kms_key.Key.arn}', message_retention_seconds: changed ? 86400 : 1209600 };
        break;
      case 2:
        resource.aws_iam_role_policy[id] = {
          name: 'pipeline',
          role: `role-${i}`,
          policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: changed ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'], Resource: [`arn:aws:s3:::bucket-${i}/*`] }] }),
        };
        break;
      default:
        resource.aws_s3_bucket_lifecycle_configuration[id] = {
          bucket: `bucket-${i}`,
          rule: Array.from({ length: 8 }, (_, r) => ({ id: `rule-${r}`, status: 'Enabled', filter: [{ prefix: `p${r}/` }], expiration: [{ days: changed && r === 3 ? 30 : 90 }] })),
        };
    }
  }
  return { resource };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const n = Number(process.argv[2] ?? 2000);
  const runs = Number(process.argv[3] ?? 7);
  const base = configuration(n, 0);
  const head = configuration(n, 1);
  const times: number[] = [];
  let summary = '';
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const d = diffTerraform(base, head);
    const risks = resourceRisks(d.resources);
    const md = renderMarkdown({ title: 'Spec diff', origin: { kind: 'spec-diff', base: 'a', head: 'b' }, counts: countChanges(d.resources), resources: d.resources, outputs: d.outputs, drift: [], specChanges: [], risks, notes: d.notes });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    summary = `${md.split('\n')[0]} · ${risks.length} risks · ${md.length.toLocaleString('en-US')} chars of markdown`;
  }
  console.log(`diff bench: ${n} resources per side, median of ${runs} runs`);
  console.log(`  ${summary}`);
  console.log(`  diff + risks + markdown: ${median(times).toFixed(1)} ms`);
}

main();
