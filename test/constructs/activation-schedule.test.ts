import { activationScheduleWindow } from '../../constructs/private/activation-schedule';

describe('activationScheduleWindow', () => {
  test('once runs at the start date, midnight UTC', () => {
    expect(activationScheduleWindow({ frequency: 'once', startDate: '2026-03-01' }, 'a')).toEqual({ expression: 'at(2026-03-01T00:00:00)' });
  });
  test('daily is a one-day rate within the window; endDate is inclusive', () => {
    expect(activationScheduleWindow({ frequency: 'daily', startDate: '2026-01-01', endDate: '2026-12-31' }, 'a')).toEqual({
      expression: 'rate(1 day)',
      startDate: '2026-01-01T00:00:00Z',
      endDate: '2027-01-01T00:00:00Z',
    });
  });
  test.each([
    ['every-3h', 'rate(3 hours)'],
    ['every-6h', 'rate(6 hours)'],
    ['every-8h', 'rate(8 hours)'],
    ['every-12h', 'rate(12 hours)'],
  ] as const)('%s is %s, open-ended without dates', (frequency, expression) => {
    expect(activationScheduleWindow({ frequency }, 'a')).toEqual({ expression, startDate: undefined, endDate: undefined });
  });
  test('once without a start date is an error', () => {
    expect(() => activationScheduleWindow({ frequency: 'once' }, 'Activation "x" schedule')).toThrow('Activation "x" schedule: frequency "once" needs a startDate');
  });
  test('an end before the start is an error', () => {
    expect(() => activationScheduleWindow({ frequency: 'daily', startDate: '2026-02-01', endDate: '2026-01-31' }, 'x')).toThrow('endDate 2026-01-31 is before startDate 2026-02-01');
  });
  test('an impossible date is an error', () => {
    expect(() => activationScheduleWindow({ frequency: 'daily', startDate: '2026-02-30' }, 'x')).toThrow('x startDate "2026-02-30" is not a date; write YYYY-MM-DD');
  });
});
