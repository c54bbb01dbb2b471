import { edit } from '../fixtures';
import { ruleTable } from '../rule-table';

const ATTRS = 'attributes: [age, incomeBand]';
const exportAlso = (...fields: string[]) => edit('activations.yaml', ATTRS, `attributes: [age, incomeBand, ${fields.join(', ')}]`);
const FIX = 'remove the field from the activation or its audiences, or send to a destination without that action';

ruleTable('policy-violation', {
  valid: [
    { name: 'the base set exports no denied field', patches: [] },
    { name: 'a denied field under a disabled policy', patches: [exportAlso('person.lastName'), edit('governance.yaml', 'enabled: true', 'enabled: false')] },
    { name: "a denied field under a policy for another marketing action", patches: [exportAlso('person.lastName'), edit('governance.yaml', 'marketingActions: [segmentMatch]', 'marketingActions: [emailTargeting]')] },
    { name: 'allOf needs every label: THIRD_PARTY alone is allowed', patches: [exportAlso('hashedEmail')] },
  ],
  invalid: [
    {
      name: 'an exported field whose labels are denied, at the attribute',
      patches: [exportAlso('person.lastName')],
      diagnostics: [
        {
          code: 'policy-violation',
          message: `policy "no-identifiers-in-matching" denies label I1, THIRD_PARTY on field "person.lastName" (and 3 more: age, incomeBand, partnerId) for marketing action "segmentMatch" of destination "match-s3": ${FIX}`,
          at: ['activations.yaml', 'person.lastName'],
          path: '$.spec.attributes[2]',
        },
      ],
    },
    {
      name: 'a field used by an audience rule, at the audience in the activation',
      patches: [edit('audiences.yaml', 'incomeBand in ["A", "B"]', 'incomeBand in ["A", "B"] and person.lastName exists')],
      diagnostics: [
        {
          code: 'policy-violation',
          message: 'policy "no-identifiers-in-matching" denies label I1, THIRD_PARTY on field "person.lastName" (and 3 more: age, incomeBand, partnerId) for marketing action "segmentMatch" of destination "match-s3"',
          at: ['activations.yaml', 'affluent-adults'],
          path: '$.spec.audiences[0]',
        },
      ],
    },
    {
      name: 'the exported identity field, at the identity',
      patches: [edit('schema.yaml', 'person.lastName: [I1]', 'person.lastName: [I1]\n    partnerId: [I1]')],
      diagnostics: [{ code: 'policy-violation', message: 'denies label I1, THIRD_PARTY on field "partnerId" (and 2 more: age, incomeBand) for marketing action "segmentMatch"', at: ['activations.yaml', 'identity: partner-id', 'partner-id'], path: '$.spec.identity' }],
    },
    {
      name: 'several culprits: the one with the rarest denied label (ties by label name) is named, the others counted',
      patches: [exportAlso('person.lastName', 'hashedEmail'), edit('governance.yaml', 'allOf: [THIRD_PARTY, I1]', 'anyOf: [I1, PARTNER_LICENSED]')],
      diagnostics: [
        {
          code: 'policy-violation',
          message: `policy "no-identifiers-in-matching" denies label I1 on field "person.lastName" (and 1 more: hashedEmail) for marketing action "segmentMatch" of destination "match-s3": ${FIX}`,
          at: ['activations.yaml', 'person.lastName'],
        },
      ],
    },
    {
      name: 'every denied marketing action of the destination is named',
      patches: [
        exportAlso('person.lastName'),
        edit('governance.yaml', 'marketingActions: [segmentMatch]', 'marketingActions: [segmentMatch, crossSiteTargeting]'),
        edit('destinations.yaml', 'marketingActions: [segmentMatch]', 'marketingActions: [segmentMatch, crossSiteTargeting]'),
      ],
      diagnostics: [{ code: 'policy-violation', message: 'for marketing action "segmentMatch" (also crossSiteTargeting) of destination "match-s3"', at: ['activations.yaml', 'person.lastName'] }],
    },
  ],
});
