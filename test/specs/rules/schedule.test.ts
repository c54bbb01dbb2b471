import { edit } from '../fixtures';
import { ruleTable } from '../rule-table';

const audience = (cron: string) => edit('audiences.yaml', 'schedule: "0 8 * * *"', `schedule: "${cron}"`);
const source = (cron: string) => edit('sources.yaml', 'schedule: "0 6 * * *"', `schedule: "${cron}"`);
const CRON_HELP = '(allowed';

ruleTable('schedule', {
  valid: [
    { name: 'lists, ranges, steps and names', patches: [audience('*/15 0-6,22-23 * JAN,JUL MON-FRI')] },
    { name: 'Sunday as 7 and extra spaces', patches: [source('0  6 * * 7')] },
    { name: 'an activation without dates', patches: [edit('activations.yaml', '    startDate: "2026-01-05"\n    endDate: "2026-12-31"\n', '')] },
    { name: 'a leap day', patches: [edit('activations.yaml', 'startDate: "2026-01-05"', 'startDate: "2024-02-29"')] },
  ],
  invalid: [
    {
      name: 'four cron fields',
      patches: [audience('0 8 * *')],
      diagnostics: [
        {
          code: 'schedule',
          message: 'schedule "0 8 * *" has 4 fields: use five (minute hour day-of-month month day-of-week, UTC), e.g. "0 6 * * *"',
          at: ['audiences.yaml', '"0 8 * *"'],
          path: '$.spec.schedule',
        },
      ],
    },
    { name: 'an hour out of range', patches: [audience('0 25 * * *')], diagnostics: [{ code: 'schedule', message: 'schedule "0 25 * * *": hour "25" is out of range (allowed 0-23, *, lists, ranges and steps)', at: ['audiences.yaml', '"0 25 * * *"'] }] },
    { name: 'an unknown month name on a source', patches: [source('0 6 * FOO *')], diagnostics: [{ code: 'schedule', message: 'schedule "0 6 * FOO *": month "FOO" is not a number or name (allowed 1-12 or JAN-DEC', at: ['sources.yaml', '"0 6 * FOO *"'] }] },
    { name: 'a zero step', patches: [source('*/0 6 * * *')], diagnostics: [{ code: 'schedule', message: 'minute "*/0" has an invalid step "0"', at: ['sources.yaml', '"*/0 6 * * *"'] }] },
    { name: 'a backwards range', patches: [source('0 6 * * 5-1')], diagnostics: [{ code: 'schedule', message: `day-of-week "5-1" is a range that runs backwards ${CRON_HELP}`, at: ['sources.yaml', '"0 6 * * 5-1"'] }] },
    {
      name: 'a start date that is not a calendar date',
      patches: [edit('activations.yaml', 'startDate: "2026-01-05"', 'startDate: "2026-02-30"')],
      diagnostics: [{ code: 'schedule', message: 'startDate "2026-02-30" is not a calendar date', at: ['activations.yaml', '"2026-02-30"'], path: '$.spec.schedule.startDate' }],
    },
    {
      name: 'an end date before the start date, at the end date',
      patches: [edit('activations.yaml', 'endDate: "2026-12-31"', 'endDate: "2025-12-31"')],
      diagnostics: [{ code: 'schedule', message: 'endDate 2025-12-31 is before startDate 2026-01-05: swap them or fix the dates', at: ['activations.yaml', '"2025-12-31"'], path: '$.spec.schedule.endDate' }],
    },
  ],
});
