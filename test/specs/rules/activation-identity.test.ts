import { edit } from '../fixtures';
import { ruleTable } from '../rule-table';

const toEmail = edit('activations.yaml', 'identity: partner-id\n  attributes: [age, incomeBand]\n  dedupKeys: [partner-id]', 'identity: email-sha256\n  attributes: [age, incomeBand]\n  dedupKeys: [email-sha256]');

ruleTable('activation-identity', {
  valid: [
    { name: 'the destination accepts the identity', patches: [] },
    {
      name: 'a destination accepting two namespaces',
      patches: [toEmail, edit('destinations.yaml', 'acceptsNamespaces: [partner-id]\n  marketingActions: [segmentMatch]', 'acceptsNamespaces: [partner-id, email-sha256]\n  marketingActions: [segmentMatch]')],
    },
  ],
  invalid: [
    {
      name: 'an identity the destination does not accept, at the identity',
      patches: [toEmail],
      diagnostics: [
        {
          code: 'activation-identity',
          message: 'destination "match-s3" does not accept identity namespace "email-sha256": it accepts partner-id; change identity or add the namespace to the destination\'s acceptsNamespaces',
          at: ['activations.yaml', 'identity: email-sha256', 'email-sha256'],
          path: '$.spec.identity',
        },
      ],
    },
  ],
});
