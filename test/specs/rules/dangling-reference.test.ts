import { addDoc, edit } from '../fixtures';
import { ruleTable } from '../rule-table';

ruleTable('dangling-reference', {
  valid: [
    { name: 'the base set, every reference resolves', patches: [] },
    {
      name: 'a destination accepting a second declared namespace',
      patches: [edit('destinations.yaml', 'acceptsNamespaces: [partner-id]\n  marketingActions: [segmentMatch]', 'acceptsNamespaces: [partner-id, email-sha256]\n  marketingActions: [segmentMatch]')],
    },
    {
      name: 'references across files in any order (a dataset declared after its users)',
      patches: [addDoc('zz-extra.yaml', 'apiVersion: prospect/v1\nkind: Dataset\nmetadata:\n  name: late-prospects\nspec:\n  schema: prospect-profile\n  expiration: {afterDays: 7}\n'), edit('sources.yaml', 'dataset: prospects', 'dataset: late-prospects')],
    },
  ],
  invalid: [
    {
      name: 'a dataset whose schema does not exist (with a suggestion)',
      patches: [edit('dataset.yaml', 'schema: prospect-profile', 'schema: prospect-profil')],
      diagnostics: [
        {
          code: 'dangling-reference',
          message: 'Schema "prospect-profil" does not exist: did you mean "prospect-profile"? declared Schemas: prospect-profile',
          at: ['dataset.yaml', 'schema: prospect-profil', 'prospect-profil'],
          path: '$.spec.schema',
        },
      ],
    },
    {
      name: 'a dataset naming a document of another kind (a Dataset, not a Schema)',
      patches: [edit('dataset.yaml', 'schema: prospect-profile', 'schema: prospects')],
      diagnostics: [{ code: 'dangling-reference', message: 'Schema "prospects" does not exist: declared Schemas: prospect-profile', at: ['dataset.yaml', 'schema: prospects', 'prospects'] }],
    },
    {
      name: 'a source whose dataset does not exist',
      patches: [edit('sources.yaml', 'dataset: prospects', 'dataset: prospectz')],
      diagnostics: [
        { code: 'dangling-reference', message: 'Dataset "prospectz" does not exist: did you mean "prospects"? declared Datasets: prospects', at: ['sources.yaml', 'prospectz'], path: '$.spec.dataset' },
      ],
    },
    {
      name: 'an audience whose dataset does not exist (no suggestion when nothing is close)',
      patches: [edit('audiences.yaml', 'dataset: prospects', 'dataset: customers')],
      diagnostics: [{ code: 'dangling-reference', message: 'Dataset "customers" does not exist: declared Datasets: prospects', at: ['audiences.yaml', 'customers'] }],
    },
    {
      name: "a schema's primary identity namespace that does not exist",
      patches: [edit('schema.yaml', 'namespace: partner-id', 'namespace: partner-ids')],
      diagnostics: [
        {
          code: 'dangling-reference',
          message: 'IdentityNamespace "partner-ids" does not exist: did you mean "partner-id"? declared IdentityNamespaces: email-sha256, partner-id',
          at: ['schema.yaml', 'partner-ids'],
          path: '$.spec.primaryIdentity.namespace',
        },
      ],
    },
    {
      name: 'a destination accepting an undeclared namespace, at the list item',
      patches: [edit('destinations.yaml', 'acceptsNamespaces: [partner-id]\n  marketingActions: [segmentMatch]', 'acceptsNamespaces: [partner-id, hashed-email]\n  marketingActions: [segmentMatch]')],
      diagnostics: [{ code: 'dangling-reference', message: 'IdentityNamespace "hashed-email" does not exist: declared IdentityNamespaces: email-sha256, partner-id', at: ['destinations.yaml', 'hashed-email'], path: '$.spec.acceptsNamespaces[1]' }],
    },
    {
      name: "an activation's destination that does not exist",
      patches: [edit('activations.yaml', 'destination: match-s3', 'destination: match-s4')],
      diagnostics: [{ code: 'dangling-reference', message: 'Destination "match-s4" does not exist: did you mean "match-s3"? declared Destinations: match-s3, media-sftp', at: ['activations.yaml', 'match-s4'] }],
    },
    {
      name: "an activation's audience that does not exist, at the list item",
      patches: [edit('activations.yaml', 'audiences: [affluent-adults]', 'audiences: [affluent-adults, lapsed-buyers]')],
      diagnostics: [{ code: 'dangling-reference', message: 'Audience "lapsed-buyers" does not exist: declared Audiences: affluent-adults', at: ['activations.yaml', 'lapsed-buyers'], path: '$.spec.audiences[1]' }],
    },
    {
      name: "an activation's identity namespace that does not exist (the destination cannot accept it either)",
      patches: [edit('activations.yaml', 'identity: partner-id\n  attributes: [age, incomeBand]\n  dedupKeys: [partner-id]', 'identity: partner\n  attributes: [age, incomeBand]\n  dedupKeys: [age]')],
      diagnostics: [
        { code: 'dangling-reference', message: 'IdentityNamespace "partner" does not exist', at: ['activations.yaml', 'identity: partner', 'partner'] },
      ],
    },
    {
      name: 'a reference to a document that exists but fails its schema is not dangling (only the schema error)',
      patches: [edit('dataset.yaml', 'afterDays: 90', 'afterDays: 0')],
      diagnostics: [{ code: 'invalid-value', message: 'spec.expiration.afterDays is 0: must be >= 1', at: ['dataset.yaml', 'afterDays: 0', '0'] }],
    },
  ],
});
