import { CronError, toEventBridgeCron } from '../../specs/cron';

describe('toEventBridgeCron', () => {
  test.each([
    ['0 6 * * *', 'cron(0 6 * * ? *)'],
    ['30 8 * * 1', 'cron(30 8 ? * 2 *)'],
    ['15 5 * * 1-5', 'cron(15 5 ? * 2-6 *)'],
    ['0 9 * * 0', 'cron(0 9 ? * 1 *)'],
    ['0 9 * * 7', 'cron(0 9 ? * 1 *)'],
    ['0 9 * * 5-7', 'cron(0 9 ? * 1,6-7 *)'],
    ['0 9 * * MON,WED', 'cron(0 9 ? * 2,4 *)'],
    ['0 9 * * */2', 'cron(0 9 ? * 1,3,5,7 *)'],
    ['0 9 * * 0-6', 'cron(0 9 ? * * *)'],
    ['*/15 * * * *', 'cron(0/15 * * * ? *)'],
    ['0 */6 1 * *', 'cron(0 0/6 1 * ? *)'],
    ['0 0 1,15 jan-jun *', 'cron(0 0 1,15 JAN-JUN ? *)'],
    ['5 4 */2 * *', 'cron(5 4 1/2 * ? *)'],
  ])('converts %s to %s', (spec, expected) => {
    expect(toEventBridgeCron(spec)).toBe(expected);
  });

  test.each([
    ['0 6 * *', /has 4 fields: use five/],
    ['', /has 1 field: use five/],
    ['60 6 * * *', /minute "60" is out of range \(allowed 0-59/],
    ['0 24 * * *', /hour "24" is out of range/],
    ['0 6 0 * *', /day-of-month "0" is out of range/],
    ['0 6 * 13 *', /month "13" is out of range/],
    ['0 6 * * 8', /day-of-week "8" is out of range/],
    ['0 6 * * FUN', /day-of-week "FUN" is not a number or name/],
    ['0 6 5-1 * *', /runs backwards/],
    ['0/0 6 * * *', /invalid step "0"/],
    ['0 6 1 * 1', /restricts both day-of-month and day-of-week/],
  ])('rejects %j', (spec, message) => {
    expect(() => toEventBridgeCron(spec, 'Audience "x" schedule')).toThrow(CronError);
    expect(() => toEventBridgeCron(spec, 'Audience "x" schedule')).toThrow(message);
  });

  test('names where the bad expression is and what it got', () => {
    expect(() => toEventBridgeCron('0 25 * * *', 'Audience "golfers" schedule')).toThrow('Audience "golfers" schedule "0 25 * * *": hour "25" is out of range');
  });
});
