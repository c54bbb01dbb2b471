import { cronFiresAt, runIdOf, runTimeOf } from '../../runtime/segment';

describe('cronFiresAt (UTC, as the deployed EventBridge schedule fires)', () => {
  it.each([
    ['0 8 * * *', '2026-11-30T08:00:00Z', true],
    ['0 8 * * *', '2026-11-30T08:00:59Z', true],
    ['0 8 * * *', '2026-11-30T08:01:00Z', false],
    ['30 8 * * *', '2026-11-30T08:30:00Z', true],
    ['0 8 * * 1', '2026-11-30T08:00:00Z', true], // a Monday
    ['0 8 * * MON', '2026-12-01T08:00:00Z', false],
    ['0 8 * * 0', '2026-12-06T08:00:00Z', true], // Sunday as 0
    ['0 8 * * 7', '2026-12-06T08:00:00Z', true], // and as 7
    ['*/15 * * * *', '2026-11-30T10:45:00Z', true],
    ['*/15 * * * *', '2026-11-30T10:50:00Z', false],
    ['0 6-18/6 * * *', '2026-11-30T12:00:00Z', true],
    ['0 6-18/6 * * *', '2026-11-30T13:00:00Z', false],
    ['0 0 1 JAN,JUL *', '2026-07-01T00:00:00Z', true],
    ['0 0 15 * *', '2026-12-15T00:00:00Z', true],
    ['0 0 15 * *', '2026-12-16T00:00:00Z', false],
  ])('%s at %s: %s', (expr, at, want) => {
    expect(cronFiresAt(expr, new Date(at))).toBe(want);
  });

  it('refuses an invalid expression with the validator\'s message', () => {
    expect(() => cronFiresAt('0 25 * * *', new Date())).toThrow(/hour "25" is out of range/);
    expect(() => cronFiresAt('0 0 15 * 1', new Date())).toThrow(/restricts both day-of-month and day-of-week/);
  });
});

describe('run ids', () => {
  it('are the run time in UTC to the second, and back', () => {
    expect(runIdOf(new Date('2026-11-30T08:00:27.512Z'))).toBe('20261130T080027Z');
    expect(runTimeOf('20261130T080027Z').toISOString()).toBe('2026-11-30T08:00:27.000Z');
    expect(() => runTimeOf('2026-11-30')).toThrow(/YYYYMMDDTHHmmssZ/);
  });
});
