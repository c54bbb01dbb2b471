// Five-field cron (UTC), as specs write it: field-by-field checks and EventBridge conversion.
import { checkCron, toEventBridgeCron } from '../../specs/cron';

const HELP = ', *, lists, ranges and steps)';

describe('checkCron', () => {
  it.each([
    '0 6 * * *',
    '*/15 * * * *',
    '0 0-6,22-23 * * *',
    '5/10 * * * *',
    '*/5,10-20/2 * * * *',
    '0 6 1,15 * *',
    '0 6 * JAN,JUL *',
    '0 6 * jan-dec/2 *',
    '0 6 * * MON-FRI',
    '0 6 * * sun-sat',
    '0 6 * * 0',
    '0 6 * * 7',
    '59 23 31 12 *',
    '  0   6 * * *  ',
    '0\t6 * * *',
  ])('accepts %j', (expr) => {
    expect(checkCron(expr)).toBeUndefined();
  });

  it.each([
    ['@daily', 'schedule "@daily" has 1 field: use five (minute hour day-of-month month day-of-week, UTC), e.g. "0 6 * * *"'],
    ['', 'schedule "" has 1 field: use five'],
    ['0 6 * *', 'schedule "0 6 * *" has 4 fields: use five'],
    ['0 6 * * * *', 'schedule "0 6 * * * *" has 6 fields: use five'],
    ['60 * * * *', `schedule "60 * * * *": minute "60" is out of range (allowed 0-59${HELP}`],
    ['0 24 * * *', `schedule "0 24 * * *": hour "24" is out of range (allowed 0-23${HELP}`],
    ['0 0 0 * *', `schedule "0 0 0 * *": day-of-month "0" is out of range (allowed 1-31${HELP}`],
    ['0 0 32 * *', `day-of-month "32" is out of range (allowed 1-31${HELP}`],
    ['0 0 * 13 *', `month "13" is out of range (allowed 1-12 or JAN-DEC${HELP}`],
    ['0 0 * 0 *', `month "0" is out of range`],
    ['0 6 * * 8', `schedule "0 6 * * 8": day-of-week "8" is out of range (allowed 0-7 or SUN-SAT${HELP}`],
    ['0 6 L * *', `day-of-month "L" is not a number (allowed 1-31${HELP}`],
    ['0 6 ? * *', 'day-of-month "?" is not a number'],
    ['0 6 * FOO *', 'month "FOO" is not a number or name (allowed 1-12 or JAN-DEC'],
    ['0 6 * * FUN', 'day-of-week "FUN" is not a number or name (allowed 0-7 or SUN-SAT'],
    ['0 6 * * MON-', 'day-of-week "MON-" is not a number or name'],
    ['1--2 * * * *', 'minute "1--2" is not a valid range'],
    ['1/2/3 * * * *', 'minute "1/2/3" has more than one "/"'],
    ['*/0 * * * *', 'minute "*/0" has an invalid step "0"'],
    ['*/x * * * *', 'minute "*/x" has an invalid step "x"'],
    ['0 6 1-31/0 * *', 'day-of-month "1-31/0" has an invalid step "0"'],
    ['0 20-8 * * *', 'hour "20-8" is a range that runs backwards'],
    ['0 6 * * FRI-MON', 'day-of-week "FRI-MON" is a range that runs backwards'],
    ['0 6 1,,2 * *', 'day-of-month "1,,2" is not a number'],
    ['-1 * * * *', 'minute "-1" is not a number'],
    ['1.5 * * * *', 'minute "1.5" is not a number'],
  ])('rejects %j', (expr, message) => {
    const p = checkCron(expr);
    expect(p).toBeDefined();
    expect(p!.message).toContain(message);
  });

  it('rejects restricting both day-of-month and day-of-week (cron ORs them; EventBridge cannot)', () => {
    expect(checkCron('0 0 1 * 1')!.message).toBe('schedule "0 0 1 * 1" restricts both day-of-month and day-of-week, which cron runs when either matches and EventBridge cannot express: restrict only one of them');
    expect(() => toEventBridgeCron('0 0 1 * 1', 'Audience "a" schedule')).toThrow('Audience "a" schedule "0 0 1 * 1" restricts both');
  });

  it('reports the first bad field only, left to right', () => {
    expect(checkCron('99 99 * * *')!.message).toContain('minute "99"');
  });
});

describe('toEventBridgeCron', () => {
  it.each([
    ['0 8 * * *', 'cron(0 8 * * ? *)'],
    ['0 6 * * 1', 'cron(0 6 ? * 2 *)'],
    ['0 6 * * 0', 'cron(0 6 ? * 1 *)'],
    ['0 6 * * 7', 'cron(0 6 ? * 1 *)'],
    ['0 6 * * 0,6', 'cron(0 6 ? * 1,7 *)'],
    ['0 6 * * 1-5', 'cron(0 6 ? * 2-6 *)'],
    ['0 6 * * MON-FRI', 'cron(0 6 ? * 2-6 *)'],
    ['0 0 1 * *', 'cron(0 0 1 * ? *)'],
    ['*/15 0-6 * JAN,JUL *', 'cron(0/15 0-6 * JAN,JUL ? *)'],
    ['  0 6 * * *  ', 'cron(0 6 * * ? *)'],
  ])('%j -> %s', (expr, expected) => {
    expect(toEventBridgeCron(expr)).toBe(expected);
  });

  test.each([
    // day-of-week steps and ranges are expanded, then written in EventBridge's numbering
    ['0 0 * * */2', 'cron(0 0 ? * 1,3,5,7 *)'],
    ['0 0 * * 1-5/2', 'cron(0 0 ? * 2,4,6 *)'],
    ['0 0 * * 5-7', 'cron(0 0 ? * 1,6-7 *)'],
  ])('%j -> %s', (expr, expected) => {
    expect(toEventBridgeCron(expr)).toBe(expected);
  });
});
