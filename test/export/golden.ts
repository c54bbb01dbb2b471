// The exact bytes the awkward profiles of fixtures.ts export as, with the default CSV options
// (delimiter , quote " escape " nullValue "" header), written by hand from the format rules in
// runtime/export/csv-writer.ts and field-text.ts, not produced by the code under test.

export const ATTRIBUTES = ['homeAddress.postalCode', 'homeAddress.city', 'age', 'homeOwner', 'birthDate', 'lastUpdated', 'interests', 'score'];

export const HEADER = 'PARTNER_ID,homeAddress.postalCode,homeAddress.city,age,homeOwner,birthDate,lastUpdated,interests,score\n';
export const ROW1 = 'AC0000000001,,"Portland, ""Rose City""",,false,,2026-11-28T09:15:00.25Z,"",100.0\n';
export const ROW2 = 'AC0000000002,98101,"Seattle\nNorth",30,,0999-01-01,,Zoë;café,1e-07\n';
export const ROW3 = 'AC0000000003,02134,San Francisco,42,true,1984-02-29,2026-11-28T09:15:00Z,golf;wine,0.5\n';
export const ROW6 = 'AC0000000006,02134,Los Angeles,55,true,1970-12-31,2026-01-01T00:00:00.000001Z,golf,0.0\n';

