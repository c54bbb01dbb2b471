// JSON Schemas (draft-07) for every kind. `npm run schemas` writes them to schemas/ for editors
// (`# yaml-language-server: $schema=../../schemas/prospect.schema.json`); a test keeps the files
// in step with this module.

import { API_VERSION, CORE_LABELS, CORE_MARKETING_ACTIONS, Kind, KINDS } from './model';

type JsonSchema = Record<string, unknown>;

export const SCHEMA_BASE_URI = 'https://prospect-iac.dev/schemas/v1';

export const NAME_PATTERN = '^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$';
const CODE_PATTERN = '^[A-Z0-9_]+$';

const nameRef = (description: string): JsonSchema => ({ type: 'string', pattern: NAME_PATTERN, description });
const nonEmpty = (description: string): JsonSchema => ({ type: 'string', minLength: 1, description });
const stringMap = (description: string): JsonSchema => ({ type: 'object', additionalProperties: { type: 'string' }, description });
const cron: JsonSchema = {
  type: 'string',
  minLength: 1,
  description: 'Cron expression in UTC with five fields: minute hour day-of-month month day-of-week.',
};
const marketingActions: JsonSchema = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: { type: 'string', minLength: 1 },
  description: `Marketing actions; core ones: ${CORE_MARKETING_ACTIONS.join(', ')}.`,
};

const s3Location: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    bucket: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$', description: 'External bucket; left out, the environment\'s own landing (sources) or export (destinations) bucket.' },
    prefix: { type: 'string', pattern: '^[^/].*/$|^$', description: 'Key prefix ending in "/".' },
    roleArn: { type: 'string', pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$', description: 'Role assumed to reach an external bucket.' },
    writerPrincipal: {
      type: 'string',
      pattern: '^(arn:aws[a-z-]*:iam::[0-9]{12}:(root|role/.+|user/.+)|[0-9]{12})$',
      description: 'Partner principal (account id or IAM ARN) allowed to write to the landing prefix.',
    },
  },
};

const sftpLocation: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['host', 'username', 'auth', 'hostKeyFingerprint', 'path'],
  properties: {
    host: nonEmpty('Host name or address.'),
    port: { type: 'integer', minimum: 1, maximum: 65535, default: 22 },
    username: nonEmpty('Login name.'),
    auth: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'secretName'],
      properties: {
        type: { enum: ['password', 'ssh-key'] },
        secretName: { type: 'string', pattern: '^[A-Za-z0-9/_+=.@-]{1,512}$', description: 'Secrets Manager secret name; its value is set outside the specs.' },
      },
    },
    hostKeyFingerprint: {
      type: 'string',
      pattern: '^SHA256:[A-Za-z0-9+/]{43}=?$',
      description: 'Host key fingerprint as `ssh-keygen -lf` prints it (SHA256:...).',
    },
    path: { type: 'string', pattern: '^/', description: 'Absolute remote folder.' },
  },
};

const fieldSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: { enum: ['string', 'integer', 'number', 'boolean', 'date', 'datetime'] },
    enum: { type: 'array', minItems: 1, uniqueItems: true, items: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
    pattern: { type: 'string', minLength: 1, description: 'Regular expression (RE2 syntax) the value must match; as in JSON Schema it matches anywhere unless anchored with ^ and $.' },
    minLength: { type: 'integer', minimum: 0 },
    maxLength: { type: 'integer', minimum: 1 },
    minimum: { type: 'number' },
    maximum: { type: 'number' },
    required: { type: 'boolean', default: false },
    description: { type: 'string' },
  },
};

const labelExpression: JsonSchema = {
  oneOf: [
    { type: 'string', pattern: CODE_PATTERN },
    { type: 'object', additionalProperties: false, required: ['anyOf'], properties: { anyOf: { type: 'array', minItems: 1, items: { $ref: '#/definitions/labelExpression' } } } },
    { type: 'object', additionalProperties: false, required: ['allOf'], properties: { allOf: { type: 'array', minItems: 1, items: { $ref: '#/definitions/labelExpression' } } } },
  ],
};

export const SPEC_SCHEMAS: Readonly<Record<Kind, JsonSchema>> = {
  IdentityNamespace: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'type'],
    properties: {
      code: { type: 'string', pattern: CODE_PATTERN, description: 'Identity code (A-Z, 0-9, _), unique.' },
      type: { enum: ['partner', 'email', 'phone', 'cookie', 'device', 'cross_device', 'non_people'] },
    },
  },
  Label: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'category'],
    properties: {
      code: { type: 'string', pattern: CODE_PATTERN },
      category: { enum: ['contract', 'identity', 'sensitive', 'partner-ecosystem', 'custom'] },
    },
  },
  Policy: {
    type: 'object',
    additionalProperties: false,
    required: ['marketingActions', 'deny'],
    properties: {
      marketingActions,
      deny: { $ref: '#/definitions/labelExpression' },
      enabled: { type: 'boolean', default: true },
    },
  },
  Schema: {
    type: 'object',
    additionalProperties: false,
    required: ['class', 'fields', 'primaryIdentity'],
    properties: {
      class: { enum: ['individual-prospect-profile'] },
      fields: {
        type: 'object',
        minProperties: 1,
        propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$' },
        additionalProperties: { $ref: '#/definitions/field' },
      },
      primaryIdentity: {
        type: 'object',
        additionalProperties: false,
        required: ['field', 'namespace'],
        properties: { field: nonEmpty('Field path holding the identity.'), namespace: nameRef('IdentityNamespace name.') },
      },
      labels: {
        type: 'object',
        additionalProperties: { type: 'array', uniqueItems: true, items: { type: 'string', pattern: CODE_PATTERN } },
        description: 'Field path (or "*" for every field) to label codes.',
      },
      profileEnabled: { type: 'boolean', default: true },
    },
  },
  Dataset: {
    type: 'object',
    additionalProperties: false,
    required: ['schema', 'expiration'],
    properties: {
      schema: nameRef('Schema name.'),
      profileEnabled: { type: 'boolean', default: true },
      expiration: {
        type: 'object',
        additionalProperties: false,
        required: ['afterDays'],
        properties: { afterDays: { type: 'integer', minimum: 1, maximum: 3650 } },
      },
      mergePolicy: { enum: ['timestamp-ordered'], default: 'timestamp-ordered' },
    },
  },
  Source: {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'dataset', 'format', 'mapping'],
    properties: {
      type: { enum: ['s3', 'sftp'] },
      dataset: nameRef('Dataset name.'),
      format: {
        type: 'object',
        additionalProperties: false,
        required: ['type'],
        properties: {
          type: { enum: ['csv', 'json', 'parquet'] },
          delimiter: { type: 'string', minLength: 1, maxLength: 1, default: ',' },
          quote: { type: 'string', minLength: 1, maxLength: 1, default: '"' },
          encoding: { enum: ['utf-8', 'iso-8859-1'], default: 'utf-8' },
          compression: { enum: ['none', 'gzip'], default: 'none' },
          header: { type: 'boolean', default: true },
        },
      },
      mapping: { type: 'object', minProperties: 1, additionalProperties: { type: 'string', minLength: 1 }, description: 'File column to field path.' },
      schedule: cron,
      errorThreshold: { type: 'number', minimum: 0, maximum: 100, default: 10 },
      s3: s3Location,
      sftp: { $ref: '#/definitions/sftp' },
    },
    allOf: [
      { if: { properties: { type: { const: 's3' } }, required: ['type'] }, then: { properties: { sftp: false } } },
      { if: { properties: { type: { const: 'sftp' } }, required: ['type'] }, then: { properties: { s3: false, sftp: true, schedule: true }, required: ['sftp', 'schedule'] } },
    ],
  },
  Audience: {
    type: 'object',
    additionalProperties: false,
    required: ['dataset', 'rule', 'schedule'],
    properties: {
      dataset: nameRef('Dataset name.'),
      rule: nonEmpty('Audience rule, e.g. `age between 30 and 55 and email exists`.'),
      schedule: cron,
    },
  },
  Destination: {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'acceptsNamespaces', 'marketingActions', 'file'],
    properties: {
      type: { enum: ['s3', 'sftp'] },
      s3: s3Location,
      sftp: { $ref: '#/definitions/sftp' },
      acceptsNamespaces: { type: 'array', minItems: 1, uniqueItems: true, items: nameRef('IdentityNamespace name.') },
      marketingActions,
      file: {
        type: 'object',
        additionalProperties: false,
        required: ['format'],
        properties: {
          format: { enum: ['csv', 'json', 'parquet'] },
          compression: { enum: ['none', 'gzip'], default: 'none' },
          csv: {
            type: 'object',
            additionalProperties: false,
            properties: {
              delimiter: { type: 'string', minLength: 1, maxLength: 1, default: ',' },
              quote: { type: 'string', minLength: 1, maxLength: 1, default: '"' },
              escape: { type: 'string', minLength: 1, maxLength: 1, default: '"' },
              nullValue: { type: 'string', default: '' },
              header: { type: 'boolean', default: true },
            },
          },
          nameTemplate: { type: 'string', minLength: 1 },
          maxRowsPerFile: { type: 'integer', minimum: 1 },
        },
      },
    },
    allOf: [
      { if: { properties: { type: { const: 's3' } }, required: ['type'] }, then: { properties: { sftp: false } } },
      { if: { properties: { type: { const: 'sftp' } }, required: ['type'] }, then: { properties: { s3: false, sftp: true }, required: ['sftp'] } },
    ],
  },
  Activation: {
    type: 'object',
    additionalProperties: false,
    required: ['destination', 'audiences', 'identity', 'attributes', 'schedule'],
    properties: {
      destination: nameRef('Destination name.'),
      audiences: { type: 'array', minItems: 1, uniqueItems: true, items: nameRef('Audience name.') },
      identity: nameRef('IdentityNamespace name exported as the key column.'),
      attributes: { type: 'array', uniqueItems: true, items: nonEmpty('Field path.') },
      dedupKeys: { type: 'array', uniqueItems: true, items: nonEmpty('Field path or the identity namespace name.') },
      exportMode: { enum: ['full'], default: 'full' },
      schedule: {
        type: 'object',
        additionalProperties: false,
        required: ['frequency'],
        properties: {
          frequency: { enum: ['once', 'daily', 'every-3h', 'every-6h', 'every-8h', 'every-12h'] },
          trigger: { enum: ['scheduled', 'after-segmentation'], default: 'scheduled' },
          startDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          endDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        },
      },
    },
  },
  Environment: {
    type: 'object',
    additionalProperties: false,
    required: ['runtime'],
    properties: {
      runtime: { enum: ['aws', 'local'] },
      account: { type: 'string', pattern: '^[0-9]{12}$' },
      region: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]$' },
      namePrefix: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,20}$' },
      tags: stringMap('Tags on every resource.'),
      state: {
        type: 'object',
        additionalProperties: false,
        required: ['bucket', 'key'],
        properties: {
          bucket: { type: 'string', minLength: 3 },
          key: { type: 'string', minLength: 1 },
          region: { type: 'string' },
          dynamodbTable: { type: 'string' },
          encrypt: { type: 'boolean', default: true },
        },
      },
      overrides: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(
          KINDS.filter((k) => k !== 'Environment').map((k) => [k, { type: 'object', additionalProperties: { type: 'object' } }]),
        ),
        description: 'Kind -> document name -> JSON merge patch (RFC 7396) over its spec.',
      },
      localRoot: nonEmpty('Folder (relative to the spec folder) holding local buckets and SFTP folders.'),
      logRetentionDays: { enum: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] },
      segmentation: {
        type: 'object',
        additionalProperties: false,
        required: ['engine'],
        properties: { engine: { enum: ['duckdb', 'athena'] } },
      },
      suppressions: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['rule', 'reason'],
          properties: {
            rule: { type: 'string', minLength: 1 },
            resource: { type: 'string', minLength: 1 },
            reason: { type: 'string', minLength: 10, description: 'Why the finding is accepted (at least 10 characters).' },
          },
        },
      },
    },
    allOf: [
      { if: { properties: { runtime: { const: 'local' } }, required: ['runtime'] }, then: { properties: { localRoot: true }, required: ['localRoot'] } },
      { if: { properties: { runtime: { const: 'aws' } }, required: ['runtime'] }, then: { properties: { region: true }, required: ['region'] } },
    ],
  },
};

export const DEFINITIONS: JsonSchema = {
  field: fieldSchema,
  labelExpression,
  sftp: sftpLocation,
};

const metadataSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: NAME_PATTERN, description: 'kebab-case, 3-63 characters, unique within its kind.' },
    description: { type: 'string' },
    labels: stringMap('Copied to cloud resource tags.'),
  },
};

/** The envelope every document shares; `spec` is checked separately against its kind. */
export const ENVELOPE_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: API_VERSION },
    kind: { enum: [...KINDS] },
    metadata: metadataSchema,
    spec: { type: 'object' },
  },
};

/** Schema of a `spec` of one kind, self-contained (with the shared definitions). */
export function specSchema(kind: Kind): JsonSchema {
  return { ...SPEC_SCHEMAS[kind], definitions: DEFINITIONS };
}

/** Whole-document schema of one kind, as published for editors. */
export function documentSchema(kind: Kind): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_BASE_URI}/${kebab(kind)}.schema.json`,
    title: `prospect/v1 ${kind}`,
    type: 'object',
    additionalProperties: false,
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { const: API_VERSION },
      kind: { const: kind },
      metadata: metadataSchema,
      spec: { $ref: '#/definitions/spec' },
    },
    definitions: { ...DEFINITIONS, spec: SPEC_SCHEMAS[kind] },
  };
}

/** One schema for any document: dispatches on `kind`. */
export function anyDocumentSchema(): JsonSchema {
  const definitions: Record<string, unknown> = { ...DEFINITIONS };
  for (const k of KINDS) definitions[`${k}Spec`] = SPEC_SCHEMAS[k];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_BASE_URI}/prospect.schema.json`,
    title: 'prospect/v1 document (any kind)',
    type: 'object',
    additionalProperties: false,
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: { apiVersion: { const: API_VERSION }, kind: { enum: [...KINDS] }, metadata: metadataSchema, spec: { type: 'object' } },
    allOf: KINDS.map((k) => ({
      if: { properties: { kind: { const: k } }, required: ['kind'] },
      then: { properties: { spec: { $ref: `#/definitions/${k}Spec` } } },
    })),
    definitions,
  };
}

export function kebab(kind: string): string {
  return kind.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Every published file: name -> schema. */
export function publishedSchemas(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = { 'prospect.schema.json': anyDocumentSchema() };
  for (const k of KINDS) out[`${kebab(k)}.schema.json`] = documentSchema(k);
  return out;
}

/** Known label codes that are never declared. */
export const BUILT_IN_LABELS = Object.keys(CORE_LABELS);
