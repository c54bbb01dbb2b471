import { addDoc, edit } from '../fixtures';
import { ruleTable } from '../rule-table';

const OTHER_SCHEMA = `apiVersion: prospect/v1
kind: Schema
metadata:
  name: other-profile
spec:
  class: individual-prospect-profile
  primaryIdentity: {field: partnerId, namespace: partner-id}
  fields:
    score: {type: number}
  labels: {"*": [THIRD_PARTY]}
---
apiVersion: prospect/v1
kind: Dataset
metadata:
  name: others
spec:
  schema: other-profile
  expiration: {afterDays: 30}
---
apiVersion: prospect/v1
kind: Audience
metadata:
  name: high-scores
spec:
  dataset: others
  rule: score > 0.5
  schedule: "0 8 * * *"
`;

ruleTable('activation-fields', {
  valid: [
    { name: 'the base set', patches: [] },
    { name: "exporting a class field and deduplicating on an exported field", patches: [edit('activations.yaml', 'attributes: [age, incomeBand]\n  dedupKeys: [partner-id]', 'attributes: [age, incomeBand, createDate]\n  dedupKeys: [age, partner-id]')] },
    { name: 'no dedup keys', patches: [edit('activations.yaml', '  dedupKeys: [partner-id]\n', '')] },
  ],
  invalid: [
    {
      name: 'an attribute that is not a field (with a suggestion), at the list item',
      patches: [edit('activations.yaml', 'attributes: [age, incomeBand]', 'attributes: [age, incomeBnd]')],
      diagnostics: [
        {
          code: 'activation-fields',
          message: 'field "incomeBnd" is not in schema "prospect-profile": did you mean "incomeBand"?',
          at: ['activations.yaml', 'incomeBnd'],
          path: '$.spec.attributes[1]',
        },
      ],
    },
    {
      name: 'a dedup key that is not a field',
      patches: [edit('activations.yaml', 'dedupKeys: [partner-id]', 'dedupKeys: [emailHash]')],
      diagnostics: [{ code: 'activation-fields', message: 'field "emailHash" is not in schema "prospect-profile"', at: ['activations.yaml', 'emailHash'], path: '$.spec.dedupKeys[0]' }],
    },
    {
      name: 'a dedup key that is not exported',
      patches: [edit('activations.yaml', 'dedupKeys: [partner-id]', 'dedupKeys: [partner-id, hashedEmail]')],
      diagnostics: [{ code: 'activation-fields', message: 'dedup key "hashedEmail" is not exported: add it to attributes or use the identity "partner-id"', at: ['activations.yaml', 'hashedEmail'], path: '$.spec.dedupKeys[1]' }],
    },
    {
      name: 'audiences over two schemas',
      patches: [addDoc('other.yaml', OTHER_SCHEMA), edit('activations.yaml', 'audiences: [affluent-adults]', 'audiences: [affluent-adults, high-scores]')],
      diagnostics: [
        {
          code: 'activation-fields',
          message: 'audiences of one activation must share a schema; found other-profile, prospect-profile: split the activation per schema',
          at: ['activations.yaml', '[affluent-adults, high-scores]'],
          path: '$.spec.audiences',
        },
      ],
    },
  ],
});
