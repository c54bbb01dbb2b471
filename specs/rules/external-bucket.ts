import type { Diagnostic } from '../diagnostics';
import { docsOf, SemanticRule } from './rule';

/** An external S3 bucket needs a role to reach it; a source reading one needs a schedule; writerPrincipal only applies to the landing bucket. */
export const externalBucket: SemanticRule = {
  id: 'external-bucket',
  doc: 'Sources and Destinations on an external bucket give s3.roleArn (and sources a schedule); s3.writerPrincipal is only for sources landing in the environment bucket.',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const kind of ['Source', 'Destination'] as const) {
      for (const d of docsOf(ctx, kind)) {
        const s3 = d.spec.s3;
        if (d.spec.type !== 's3' || !s3?.bucket) {
          if (kind === 'Destination' && s3?.writerPrincipal) out.push(ctx.at(d, ['spec', 's3', 'writerPrincipal'], 'writerPrincipal applies to sources only: remove it', { key: true }));
          continue;
        }
        if (!s3.roleArn) out.push(ctx.at(d, ['spec', 's3'], `external bucket "${s3.bucket}" needs s3.roleArn: the role the pipeline assumes to ${kind === 'Source' ? 'read' : 'write'} it`));
        if (s3.writerPrincipal) out.push(ctx.at(d, ['spec', 's3', 'writerPrincipal'], `writerPrincipal applies only to sources landing in the environment's landing bucket; with an external bucket "${s3.bucket}" the partner writes there: remove it`, { key: true }));
        if (kind === 'Source' && !(d.spec as { schedule?: string }).schedule) out.push(ctx.at(d, ['spec'], `source reads external bucket "${s3.bucket}" and needs a schedule (cron, UTC) to poll it`));
      }
    }
    return out;
  },
};
