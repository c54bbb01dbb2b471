// A prospect schema like the example's, for the type checker and SQL tests.

import { FieldSpec, SchemaSpec, allFields } from '../../specs/model';

export const schema: SchemaSpec = {
  class: 'individual-prospect-profile',
  primaryIdentity: { field: 'partnerId', namespace: 'PARTNER_ID' },
  fields: {
    firstName: { type: 'string' },
    lastName: { type: 'string' },
    'homeAddress.state': { type: 'string', enum: ['CA', 'OR', 'WA', 'NY', 'TX'] },
    'homeAddress.postalCode': { type: 'string', pattern: '^[0-9]{5}$' },
    age: { type: 'integer', minimum: 18 },
    incomeBand: { type: 'string', enum: ['A', 'B', 'C', 'D'] },
    householdSize: { type: 'integer', enum: [1, 2, 3, 4, 5] },
    interests: { type: 'string' },
    hashedEmail: { type: 'string' },
    netWorth: { type: 'number' },
    homeowner: { type: 'boolean' },
    birthDate: { type: 'date' },
    lastVerified: { type: 'datetime' },
  },
};

export const fields: Record<string, FieldSpec> = allFields(schema);
