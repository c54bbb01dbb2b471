// A tiny spec set that passes every check, one concern per file. Each test starts from a fresh
// copy and breaks one thing with a patch; positions are asserted by locating a unique piece of
// text in the patched file (`at(...)`), so a case reads like the YAML it tests.

import { Diagnostic } from '../../specs/diagnostics';
import { loadSpecTexts } from '../../specs/loader';
import { validateLoaded, ValidateOptions, ValidationResult } from '../../specs/validate';

export type Files = Record<string, string>;
export type Patch = (files: Files) => void;

const BASE: Files = {
  'identity.yaml': `apiVersion: prospect/v1
kind: IdentityNamespace
metadata:
  name: partner-id
spec:
  code: PARTNER_ID
  type: partner
---
apiVersion: prospect/v1
kind: IdentityNamespace
metadata:
  name: email-sha256
spec:
  code: EMAIL_SHA256
  type: email
`,
  'governance.yaml': `apiVersion: prospect/v1
kind: Label
metadata:
  name: partner-licensed
spec:
  code: PARTNER_LICENSED
  category: contract
---
apiVersion: prospect/v1
kind: Policy
metadata:
  name: no-identifiers-in-matching
spec:
  marketingActions: [segmentMatch]
  deny:
    allOf: [THIRD_PARTY, I1]
  enabled: true
`,
  'schema.yaml': `apiVersion: prospect/v1
kind: Schema
metadata:
  name: prospect-profile
spec:
  class: individual-prospect-profile
  primaryIdentity:
    field: partnerId
    namespace: partner-id
  fields:
    partnerId:
      type: string
      required: true
    person.lastName:
      type: string
      maxLength: 100
    age:
      type: integer
      minimum: 18
      maximum: 120
    incomeBand:
      type: string
      enum: [A, B, C]
    hashedEmail:
      type: string
      pattern: '^[a-f0-9]{64}$'
  labels:
    "*": [THIRD_PARTY]
    person.lastName: [I1]
    hashedEmail: [PARTNER_LICENSED]
`,
  'dataset.yaml': `apiVersion: prospect/v1
kind: Dataset
metadata:
  name: prospects
spec:
  schema: prospect-profile
  expiration:
    afterDays: 90
`,
  'sources.yaml': `apiVersion: prospect/v1
kind: Source
metadata:
  name: partner-drop
spec:
  type: s3
  dataset: prospects
  format:
    type: csv
  mapping:
    PARTNER_ID: partnerId
    LAST_NAME: person.lastName
    AGE: age
    INCOME: incomeBand
    EMAIL: hashedEmail
  schedule: "0 6 * * *"
`,
  'audiences.yaml': `apiVersion: prospect/v1
kind: Audience
metadata:
  name: affluent-adults
spec:
  dataset: prospects
  rule: age between 30 and 55 and incomeBand in ["A", "B"]
  schedule: "0 8 * * *"
`,
  'destinations.yaml': `apiVersion: prospect/v1
kind: Destination
metadata:
  name: match-s3
spec:
  type: s3
  s3:
    prefix: exports/match/
  acceptsNamespaces: [partner-id]
  marketingActions: [segmentMatch]
  file:
    format: csv
    nameTemplate: "%DESTINATION_NAME%_%AUDIENCE_NAME%_%DATETIME(YYYYMMdd_HHmmss)%.csv"
---
apiVersion: prospect/v1
kind: Destination
metadata:
  name: media-sftp
spec:
  type: sftp
  sftp:
    host: sftp.media.example.net
    username: prospecting
    auth:
      type: ssh-key
      secretName: prospect/media/sftp-key
    hostKeyFingerprint: SHA256:Jz5ZL0n3vY4a8sJd0lJpQzq5cD7bN8mK2xHf1gT6wEo
    path: /inbound
  acceptsNamespaces: [partner-id]
  marketingActions: [crossSiteTargeting]
  file:
    format: json
`,
  'activations.yaml': `apiVersion: prospect/v1
kind: Activation
metadata:
  name: affluent-to-match
spec:
  destination: match-s3
  audiences: [affluent-adults]
  identity: partner-id
  attributes: [age, incomeBand]
  dedupKeys: [partner-id]
  schedule:
    frequency: daily
    startDate: "2026-01-05"
    endDate: "2026-12-31"
`,
  'environments.yaml': `apiVersion: prospect/v1
kind: Environment
metadata:
  name: dev
spec:
  runtime: aws
  region: us-east-1
  overrides:
    Dataset:
      prospects:
        expiration: {afterDays: 30}
---
apiVersion: prospect/v1
kind: Environment
metadata:
  name: local
spec:
  runtime: local
  localRoot: .prospect-local
`,
};

/** A fresh copy of the base set's files. */
export function baseFiles(): Files {
  return { ...BASE };
}

/** The base set with patches applied, as loader input (files in name order). */
export function specSet(...patches: Patch[]): Files {
  const files = baseFiles();
  for (const p of patches) p(files);
  return files;
}

export function toInputs(files: Files): { file: string; text: string }[] {
  return Object.keys(files)
    .sort()
    .map((file) => ({ file, text: files[file] }));
}

/** Replace the one occurrence of `from` in `file` (fails loudly when it is missing or not unique). */
export function edit(file: string, from: string, to: string): Patch {
  return (files) => {
    const text = files[file];
    if (text === undefined) throw new Error(`fixture: no file ${file}`);
    const i = text.indexOf(from);
    if (i < 0) throw new Error(`fixture: ${JSON.stringify(from)} not found in ${file}`);
    if (text.indexOf(from, i + 1) >= 0) throw new Error(`fixture: ${JSON.stringify(from)} is not unique in ${file}`);
    files[file] = text.slice(0, i) + to + text.slice(i + from.length);
  };
}

/** Append a document to a file (created when missing). */
export function addDoc(file: string, doc: string): Patch {
  return (files) => {
    const text = files[file];
    files[file] = text === undefined ? doc : `${text.endsWith('\n') ? text : text + '\n'}---\n${doc}`;
  };
}

/** Replace a whole file. */
export function put(file: string, text: string): Patch {
  return (files) => {
    files[file] = text;
  };
}

export function removeFile(file: string): Patch {
  return (files) => {
    delete files[file];
  };
}

export function validateFiles(files: Files, opts: ValidateOptions = {}): ValidationResult {
  return validateLoaded(loadSpecTexts(toInputs(files)), opts);
}

/**
 * 1-based line and column of `sub` inside the (unique) occurrence of `needle` in `file`;
 * `sub` defaults to the whole needle.
 */
export function locate(files: Files, file: string, needle: string, sub?: string): { line: number; column: number } {
  const text = files[file];
  if (text === undefined) throw new Error(`locate: no file ${file}`);
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`locate: ${JSON.stringify(needle)} not found in ${file}`);
  if (text.indexOf(needle, i + 1) >= 0) throw new Error(`locate: ${JSON.stringify(needle)} is not unique in ${file}`);
  let offset = i;
  if (sub !== undefined) {
    const j = needle.indexOf(sub);
    if (j < 0) throw new Error(`locate: ${JSON.stringify(sub)} not in ${JSON.stringify(needle)}`);
    offset += j;
  }
  return positionOfOffset(text, offset);
}

export function positionOfOffset(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** Where a diagnostic is expected: [file, needle, sub?] resolved against the case's files. */
export type At = readonly [file: string, needle: string, sub?: string];

export interface ExpectedDiagnostic {
  readonly code: string;
  /** The exact message, or a substring (string) / pattern (RegExp) when `exact` is not set. */
  readonly message: string | RegExp;
  readonly at: At;
  readonly severity?: 'error' | 'warning';
  readonly path?: string;
}

export function resolveAt(files: Files, at: At): { file: string; line: number; column: number } {
  return { file: at[0], ...locate(files, at[0], at[1], at[2]) };
}

/** Compare actual diagnostics with expected ones (same order: the pipeline sorts by position). */
export function expectDiagnostics(files: Files, actual: readonly Diagnostic[], expected: readonly ExpectedDiagnostic[]): void {
  const shape = (d: Diagnostic) => ({ code: d.code, file: d.file, line: d.line, column: d.column });
  expect(actual.map(shape)).toEqual(expected.map((e) => ({ code: e.code, ...resolveAt(files, e.at) })));
  actual.forEach((d, i) => {
    const e = expected[i];
    if (typeof e.message === 'string') expect(d.message).toContain(e.message);
    else expect(d.message).toMatch(e.message);
    expect(d.severity).toBe(e.severity ?? 'error');
    if (e.path !== undefined) expect(d.path).toBe(e.path);
  });
}
