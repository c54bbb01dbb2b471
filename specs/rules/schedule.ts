import { checkCron } from '../cron';
import type { Diagnostic } from '../diagnostics';
import { docsOf, SemanticRule } from './rule';

/** Cron schedules are valid five-field expressions; activation dates are real dates in order. */
export const schedule: SemanticRule = {
  id: 'schedule',
  doc: 'Source and Audience schedules are valid five-field cron expressions (UTC); Activation startDate/endDate are real dates with start before end; a once-only activation has a startDate and a scheduled trigger.',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const kind of ['Source', 'Audience'] as const) {
      for (const d of docsOf(ctx, kind)) {
        const expr = d.spec.schedule;
        if (expr === undefined) continue;
        const p = checkCron(expr);
        if (p) out.push(ctx.at(d, ['spec', 'schedule'], p.message));
      }
    }
    for (const a of docsOf(ctx, 'Activation')) {
      const { startDate, endDate, frequency, trigger } = a.spec.schedule;
      if (frequency === 'once' && trigger === 'after-segmentation') {
        out.push(ctx.at(a, ['spec', 'schedule', 'trigger'], 'frequency "once" with trigger "after-segmentation" has no meaning: a one-time export runs at startDate; use trigger "scheduled", or another frequency'));
      } else if (frequency === 'once' && startDate === undefined) {
        out.push(ctx.at(a, ['spec', 'schedule', 'frequency'], 'frequency "once" needs a startDate: the day (UTC) the one export runs'));
      }
      for (const [key, v] of [['startDate', startDate], ['endDate', endDate]] as const) {
        if (v !== undefined && !isRealDate(v)) out.push(ctx.at(a, ['spec', 'schedule', key], `${key} "${v}" is not a calendar date`));
      }
      if (startDate && endDate && isRealDate(startDate) && isRealDate(endDate) && endDate < startDate) {
        out.push(ctx.at(a, ['spec', 'schedule', 'endDate'], `endDate ${endDate} is before startDate ${startDate}: swap them or fix the dates`));
      }
    }
    return out;
  },
};

export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
