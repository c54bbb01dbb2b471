// Deterministic sample partner files for examples/prospecting: a CSV drop for the source
// `acme-s3-drop` and a gzipped JSON-lines extract for `acme-sftp-weekly`, with a known set of bad
// rows and a few partner ids present in both files. Everything later tests assert (rows accepted
// and rejected per file and why, merged profile count, audience sizes) is written to
// `expected.json` and returned.
//
// Same options, same bytes: a seeded PRNG drives every choice and the reference date is fixed.
// Rows are streamed in chunks with backpressure, so millions of rows need no more memory than a
// few thousand.
//
//   node dist/examples/generate-partner-files.js OUTDIR [--rows N] [--seed S]
//   node dist/examples/generate-partner-files.js --local examples/prospecting [--env local]

import { createHash } from 'node:crypto';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import { bucketName, localSftpFolder, sourceLandingPrefix } from '../runtime/layout';
import { listSpecFiles } from '../specs/loader';
import type { Doc } from '../specs/model';
import { mergePatch } from '../specs/overrides';

// ---------------------------------------------------------------------------------------------
// Contract with examples/prospecting (sources.yaml, audiences.yaml)

export const CSV_SOURCE = 'acme-s3-drop';
export const JSON_SOURCE = 'acme-sftp-weekly';

/** CSV columns in file order, each with the schema field it maps to (sources.yaml, acme-s3-drop). */
export const CSV_COLUMNS: readonly (readonly [column: string, field: keyof Prospect])[] = [
  ['PARTNER_ID', 'partnerId'],
  ['FIRST_NAME', 'person.firstName'],
  ['LAST_NAME', 'person.lastName'],
  ['STREET', 'homeAddress.street'],
  ['CITY', 'homeAddress.city'],
  ['STATE', 'homeAddress.state'],
  ['ZIP', 'homeAddress.postalCode'],
  ['AGE', 'age'],
  ['INCOME_BAND', 'incomeBand'],
  ['INTERESTS', 'interests'],
  ['EMAIL_SHA256', 'hashedEmail'],
  ['PHONE_SHA256', 'phoneHashed'],
  ['HH_SIZE', 'householdSize'],
  ['HOME_OWNER', 'homeOwner'],
  ['BIRTH_DATE', 'birthDate'],
  ['LAST_UPDATED', 'lastUpdated'],
];

/** JSON keys in record order, each with the schema field it maps to (sources.yaml, acme-sftp-weekly). */
export const JSON_KEYS: readonly (readonly [key: string, field: keyof Prospect])[] = [
  ['partner_id', 'partnerId'],
  ['first_name', 'person.firstName'],
  ['last_name', 'person.lastName'],
  ['address_line', 'homeAddress.street'],
  ['city', 'homeAddress.city'],
  ['state_code', 'homeAddress.state'],
  ['postal_code', 'homeAddress.postalCode'],
  ['age', 'age'],
  ['income_band', 'incomeBand'],
  ['interests', 'interests'],
  ['email_sha256', 'hashedEmail'],
  ['phone_sha256', 'phoneHashed'],
  ['household_size', 'householdSize'],
  ['home_owner', 'homeOwner'],
  ['birth_date', 'birthDate'],
  ['updated_at', 'lastUpdated'],
];

/** One prospect record by schema field path; null is a missing value. */
export interface Prospect {
  partnerId: string | null;
  'person.firstName': string | null;
  'person.lastName': string | null;
  'homeAddress.street': string | null;
  'homeAddress.city': string | null;
  'homeAddress.state': string | null;
  'homeAddress.postalCode': string | null;
  age: number | null;
  incomeBand: string | null;
  interests: string | null;
  hashedEmail: string | null;
  phoneHashed: string | null;
  householdSize: number | null;
  homeOwner: boolean | null;
  birthDate: string | null;
  lastUpdated: string;
}

/** Why a row is bad. Each bad row has exactly one defect; every other value in it is valid. */
export type BadRowReason =
  | 'missing-partner-id'
  | 'malformed-partner-id'
  | 'age-out-of-range'
  | 'bad-zip'
  | 'unknown-income-band'
  | 'bad-date'
  | 'too-many-columns'
  | 'wrong-type'
  | 'invalid-json';

export const CSV_BAD_REASONS: readonly BadRowReason[] = [
  'missing-partner-id',
  'malformed-partner-id',
  'age-out-of-range',
  'bad-zip',
  'unknown-income-band',
  'bad-date',
  'too-many-columns',
];

export const JSON_BAD_REASONS: readonly BadRowReason[] = [
  'missing-partner-id',
  'malformed-partner-id',
  'age-out-of-range',
  'bad-zip',
  'unknown-income-band',
  'bad-date',
  'wrong-type',
  'invalid-json',
];

/** The audiences of examples/prospecting/audiences.yaml, as plain predicates (two-valued logic). */
export const AUDIENCE_PREDICATES: Readonly<Record<string, (p: Prospect) => boolean>> = {
  // homeAddress.state in ["CA", "OR", "WA"] and incomeBand in ["A", "B"]
  'west-coast-affluent': (p) => ['CA', 'OR', 'WA'].includes(p['homeAddress.state'] ?? '') && ['A', 'B'].includes(p.incomeBand ?? ''),
  // age between 30 and 55 and interests contains "golf"
  'golf-enthusiasts-30-55': (p) => p.age !== null && p.age >= 30 && p.age <= 55 && p.interests !== null && p.interests.includes('golf'),
  // homeOwner = true and hashedEmail exists and not incomeBand = "F"
  'homeowners-with-email': (p) => p.homeOwner === true && p.hashedEmail !== null && p.hashedEmail !== '' && !(p.incomeBand === 'F'),
};

// ---------------------------------------------------------------------------------------------
// Options and results

export interface GenerateOptions {
  /** Folder receiving expected.json (and the data files, unless csvDir / jsonDir say otherwise). */
  readonly outDir: string;
  /** Data records per file (header not counted), bad rows included. @default {csv: 3000, json: 2000} */
  readonly rows?: number | { readonly csv?: number; readonly json?: number };
  /** @default 42 */
  readonly seed?: number | string;
  /** Bad rows of each kind in each file (7 kinds in the CSV, 8 in the JSON lines). @default 5 */
  readonly badRows?: number;
  /** Partner ids present in both files, with different lastUpdated. @default 20 */
  readonly duplicates?: number;
  /** Records whose street holds a line break (quoted newline), CSV only. @default 2 */
  readonly quotedNewlines?: number;
  /** Which files to write. @default ['csv', 'json'] */
  readonly files?: readonly ('csv' | 'json')[];
  /** Folder of the CSV file, relative to outDir or absolute. @default outDir */
  readonly csvDir?: string;
  /** Folder of the JSON-lines file, relative to outDir or absolute. @default outDir */
  readonly jsonDir?: string;
  /** Reference instant: lastUpdated values fall in the 60 days before it; it names the files. @default '2026-11-30T00:00:00Z' */
  readonly asOf?: string;
}

export interface BadRow {
  /** 1-based data record number (the header is not a record). */
  readonly record: number;
  /** 1-based physical line where the record starts (header and quoted newlines counted). */
  readonly line: number;
  readonly reason: BadRowReason;
  /** Schema field the defect is in, when there is one. */
  readonly field?: string;
  /** The offending value as written (for too-many-columns and invalid-json, the whole line). */
  readonly value?: string | number;
}

export interface FileExpectation {
  readonly source: string;
  /** Relative to outDir, forward slashes. */
  readonly path: string;
  readonly format: 'csv' | 'json';
  readonly compression: 'none' | 'gzip';
  readonly header: boolean;
  /** Data records (CSV: not counting the header; JSON: lines). */
  readonly records: number;
  /** Physical lines in the (uncompressed) file, header included. */
  readonly physicalLines: number;
  readonly quotedNewlines: number;
  readonly good: number;
  readonly bad: number;
  readonly badByReason: Readonly<Partial<Record<BadRowReason, number>>>;
  /** Percent of records that are bad, to compare with the source's errorThreshold. */
  readonly errorRatePercent: number;
  readonly badRows: readonly BadRow[];
}

export interface DuplicateExpectation {
  readonly partnerId: string;
  readonly csvRecord: number;
  readonly jsonRecord: number;
  readonly csvLastUpdated: string;
  readonly jsonLastUpdated: string;
  /** Source whose record is newer (wins a timestamp-ordered merge on lastUpdated). */
  readonly newer: string;
}

export interface Expectations {
  readonly generator: 'examples/generate-partner-files.ts';
  readonly version: 1;
  readonly seed: string;
  readonly asOf: string;
  readonly files: Readonly<Record<string, FileExpectation>>;
  /** Only when both files are written. */
  readonly duplicates: readonly DuplicateExpectation[];
  /** Distinct partner ids over the good rows of all written files. */
  readonly profiles: number;
  /**
   * Audience sizes over those profiles, duplicates resolved to the record with the newer
   * lastUpdated (both records of a duplicate carry every attribute, so a field-level merge gives
   * the same result).
   */
  readonly audiences: Readonly<Record<string, number>>;
}

export const DEFAULT_ROWS = { csv: 3000, json: 2000 } as const;
export const DEFAULT_SEED = 42;
export const DEFAULT_AS_OF = '2026-11-30T00:00:00Z';
export const EXPECTED_FILE = 'expected.json';

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (sfc32 seeded by cyrb128): no Math.random anywhere.

export type Rng = () => number;

function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A PRNG in [0, 1) for one named stream of one seed. */
export function seededRng(seed: number | string, stream: string): Rng {
  let [a, b, c, d] = cyrb128(`${seed}\u0000${stream}`);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const chance = (rng: Rng, p: number): boolean => rng() < p;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------------------------
// Reference data

const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'James', 'Isabella', 'William', 'Mia', 'Benjamin',
  'Charlotte', 'Lucas', 'Amelia', 'Henry', 'Harper', 'Theodore', 'Evelyn', 'Jack', 'Zoë', 'José', 'Chloé', 'Mateo',
  'Aaliyah', 'Wei', 'Priya', 'Mohammed', 'Siobhán', 'Renée', 'Dmitri', 'Keiko', 'Ana', 'Luis', 'Grace', 'Samuel',
];
const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Nguyen',
  "O'Brien", 'Van der Berg', 'Kowalski', 'Müller', 'Patel', 'Kim', 'Chen', 'Okafor', 'Smith-Jones', 'St. Clair',
];
const STREET_NAMES = [
  'Main', 'Oak', 'Pine', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Sunset', 'Ocean', 'Highland',
  'Mill', 'Church', 'River', 'Spring', 'Forest', 'Meadow', 'Ridge', 'Old "Mill"', 'King', 'Queen Anne',
];
const STREET_SUFFIXES = ['St', 'Ave', 'Rd', 'Blvd', 'Ln', 'Dr', 'Ct', 'Way', 'Pl', 'Ter'];
/** City, state and three-digit ZIP prefixes; the New England and New Jersey ones start with 0. */
const PLACES: readonly (readonly [city: string, state: string, zip3: readonly number[]])[] = [
  ['Boston', 'MA', [21, 22]],
  ['Cambridge', 'MA', [21]],
  ['Worcester', 'MA', [16]],
  ['Hartford', 'CT', [61]],
  ['New Haven', 'CT', [65]],
  ['Providence', 'RI', [29]],
  ['Portland', 'ME', [41]],
  ['Burlington', 'VT', [54]],
  ['Manchester', 'NH', [31]],
  ['Newark', 'NJ', [71]],
  ['Princeton', 'NJ', [85]],
  ['New York', 'NY', [100, 101, 102]],
  ['Brooklyn', 'NY', [112]],
  ['Philadelphia', 'PA', [191]],
  ['Pittsburgh', 'PA', [152]],
  ['Washington', 'DC', [200]],
  ['Baltimore', 'MD', [212]],
  ['Atlanta', 'GA', [303]],
  ['Miami', 'FL', [331]],
  ['Orlando', 'FL', [328]],
  ['Chicago', 'IL', [606]],
  ['Detroit', 'MI', [482]],
  ['Minneapolis', 'MN', [554]],
  ['Dallas', 'TX', [752]],
  ['Austin', 'TX', [787]],
  ['Houston', 'TX', [770]],
  ['Denver', 'CO', [802]],
  ['Phoenix', 'AZ', [850]],
  ['Las Vegas', 'NV', [891]],
  ['Salt Lake City', 'UT', [841]],
  ['Los Angeles', 'CA', [900, 902]],
  ['San Diego', 'CA', [921]],
  ['San Francisco', 'CA', [941]],
  ['Sacramento', 'CA', [958]],
  ['Palo Alto', 'CA', [943]],
  ['Portland', 'OR', [972]],
  ['Eugene', 'OR', [974]],
  ['Seattle', 'WA', [981]],
  ['Spokane', 'WA', [992]],
  ['Honolulu', 'HI', [968]],
  ['Anchorage', 'AK', [995]],
];
const INTERESTS = [
  'golf', 'travel', 'cooking', 'wine', 'running', 'cycling', 'fishing', 'gardening', 'photography', 'tennis', 'yoga',
  'skiing', 'sailing', 'hiking', 'reading', 'gaming', 'pets', 'home-improvement', 'fashion', 'investing',
];
const INCOME_BANDS = ['A', 'B', 'B', 'C', 'C', 'C', 'D', 'D', 'D', 'E', 'E', 'F'];

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

// ---------------------------------------------------------------------------------------------
// Records

const DAY_MS = 86_400_000;

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Partner ids: AC, a digit naming the file, then a scrambled 9-digit row number (a bijection). */
function partnerIdOf(file: 'csv' | 'json', index: number): string {
  const scrambled = (index * 7919 + 104729) % 1_000_000_000;
  return `AC${file === 'csv' ? 1 : 2}${pad(scrambled, 9)}`;
}

/** A valid prospect. `complete` fills every optional attribute (used for duplicates). */
function makeProspect(rng: Rng, partnerId: string, asOfMs: number, complete: boolean): Prospect {
  const missing = (p: number): boolean => !complete && chance(rng, p);
  const first = pick(rng, FIRST_NAMES);
  const last = pick(rng, LAST_NAMES);
  const [city, state, zip3s] = pick(rng, PLACES);
  const zip = pad(pick(rng, zip3s), 3) + pad(int(rng, 1, 99), 2);
  let street = `${int(rng, 1, 9999)} ${pick(rng, STREET_NAMES)} ${pick(rng, STREET_SUFFIXES)}`;
  if (chance(rng, 0.04)) street += `, Apt ${int(rng, 1, 40)}${pick(rng, ['', 'A', 'B'])}`;
  const age = missing(0.05) ? null : Math.min(99, 18 + Math.floor(-Math.log(1 - rng()) * 22));
  const incomeBand = missing(0.08) ? null : pick(rng, INCOME_BANDS);
  const interestCount = complete ? int(rng, 1, 4) : int(rng, 0, 4);
  const chosen = new Set<string>();
  for (let i = 0; i < interestCount; i++) chosen.add(pick(rng, INTERESTS));
  const interests = chosen.size === 0 ? null : [...chosen].join(';');
  const emailN = int(rng, 1, 999);
  const hashedEmail = missing(0.25) ? null : sha256(`${first}.${last}${emailN}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''));
  const phoneHashed = missing(0.3) ? null : sha256(`+1${int(rng, 201, 989)}${pad(int(rng, 0, 9_999_999), 7)}`);
  const householdSize = missing(0.05) ? null : int(rng, 1, 8);
  const ownerRoll = rng();
  const homeOwner = complete ? ownerRoll < 0.62 : ownerRoll < 0.6 ? true : ownerRoll < 0.95 ? false : null;
  const asOfYear = new Date(asOfMs).getUTCFullYear();
  const birthDate = age === null || missing(0.04) ? null : `${asOfYear - age - 1}-${pad(int(rng, 1, 12), 2)}-${pad(int(rng, 1, 28), 2)}`;
  const lastUpdated = isoSeconds(asOfMs - 2 * DAY_MS - int(rng, 0, 58 * 86_400) * 1000);
  return {
    partnerId,
    'person.firstName': first,
    'person.lastName': last,
    'homeAddress.street': street,
    'homeAddress.city': city,
    'homeAddress.state': state,
    'homeAddress.postalCode': zip,
    age,
    incomeBand,
    interests,
    hashedEmail,
    phoneHashed,
    householdSize,
    homeOwner,
    birthDate,
    lastUpdated,
  };
}

const MALFORMED_IDS = (k: number): string => ['AC12345', `ac${pad(k, 10)}`, `AC-${pad(k, 9)}`, `ACX${pad(k, 9)}`, `AC${pad(k, 11)}`][k % 5];
const BAD_AGES = [17, 121, 150, 0, -3];
const BAD_ZIPS = ['2134', 'ABCDE', '123456', '9021O'];
const BAD_BANDS = ['G', 'Z', 'AA', 'X'];
const BAD_DATES = ['1985-13-45', '31/12/1985', 'not-a-date', '1990-02-30'];

interface Defect {
  readonly reason: BadRowReason;
  readonly field?: keyof Prospect;
  readonly value?: string | number;
}

/** Apply one defect to a valid record (the k-th of its kind picks the variant). */
function applyDefect(p: Prospect, reason: BadRowReason, k: number): Defect {
  switch (reason) {
    case 'missing-partner-id':
      p.partnerId = null;
      return { reason, field: 'partnerId' };
    case 'malformed-partner-id':
      p.partnerId = MALFORMED_IDS(k);
      return { reason, field: 'partnerId', value: p.partnerId };
    case 'age-out-of-range':
      p.age = BAD_AGES[k % BAD_AGES.length];
      return { reason, field: 'age', value: p.age };
    case 'bad-zip':
      p['homeAddress.postalCode'] = BAD_ZIPS[k % BAD_ZIPS.length];
      return { reason, field: 'homeAddress.postalCode', value: p['homeAddress.postalCode'] };
    case 'unknown-income-band':
      p.incomeBand = BAD_BANDS[k % BAD_BANDS.length];
      return { reason, field: 'incomeBand', value: p.incomeBand };
    case 'bad-date':
      p.birthDate = BAD_DATES[k % BAD_DATES.length];
      return { reason, field: 'birthDate', value: p.birthDate };
    case 'too-many-columns':
    case 'wrong-type':
    case 'invalid-json':
      return { reason }; // applied while serialising
  }
}

// ---------------------------------------------------------------------------------------------
// Serialisation

function csvField(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(p: Prospect): string {
  return CSV_COLUMNS.map(([, f]) => csvField(p[f])).join(',');
}

function jsonLine(p: Prospect): string {
  const o: Record<string, unknown> = {};
  for (const [k, f] of JSON_KEYS) if (p[f] !== null) o[k] = p[f];
  return JSON.stringify(o);
}

/** Buffers text and writes it in chunks, waiting for 'drain' when the stream says so. */
class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(
    private readonly stream: Writable,
    private readonly chunkBytes = 1 << 16,
  ) {}

  async write(s: string): Promise<void> {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= this.chunkBytes) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk, 'utf8')) await once(this.stream, 'drain');
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
  }
}

/** Opens `file` for streaming text, gzipped when asked; `done` settles when the file is closed. */
function openOutput(file: string, gzip: boolean): { writer: ChunkedWriter; done: Promise<void> } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(file);
  if (!gzip) {
    const done = new Promise<void>((resolve, reject) => {
      out.on('close', resolve);
      out.on('error', reject);
    });
    return { writer: new ChunkedWriter(out), done };
  }
  const gz = createGzip({ level: 6 });
  return { writer: new ChunkedWriter(gz), done: pipeline(gz, out) };
}

// ---------------------------------------------------------------------------------------------
// The plan: which record numbers are bad, duplicated or hold a quoted newline

interface FilePlan {
  readonly rows: number;
  /** 0-based record index -> defect reason and its ordinal within that reason. */
  readonly bad: Map<number, { reason: BadRowReason; k: number }>;
  /** 0-based record index -> duplicate number. */
  readonly dup: Map<number, number>;
  readonly newline: Set<number>;
}

function sampleDistinct(rng: Rng, rows: number, count: number, taken: Set<number>): number[] {
  const out: number[] = [];
  while (out.length < count) {
    const i = Math.floor(rng() * rows);
    if (!taken.has(i)) {
      taken.add(i);
      out.push(i);
    }
  }
  return out;
}

function planFile(rng: Rng, rows: number, reasons: readonly BadRowReason[], badPerReason: number, duplicates: number, newlines: number, name: string): FilePlan {
  const needed = reasons.length * badPerReason + duplicates + newlines;
  if (rows < needed + 1) throw new RangeError(`${name}: ${rows} rows cannot hold ${needed} special rows plus one good row; raise --rows or lower --bad-rows`);
  const taken = new Set<number>();
  const bad = new Map<number, { reason: BadRowReason; k: number }>();
  for (const reason of reasons) sampleDistinct(rng, rows, badPerReason, taken).forEach((i, k) => bad.set(i, { reason, k }));
  const dup = new Map<number, number>();
  sampleDistinct(rng, rows, duplicates, taken)
    .sort((a, b) => a - b)
    .forEach((i, d) => dup.set(i, d));
  const newline = new Set(sampleDistinct(rng, rows, newlines, taken));
  return { rows, bad, dup, newline };
}

// ---------------------------------------------------------------------------------------------
// Generation

class AudienceCounter {
  readonly counts: Record<string, number> = Object.fromEntries(Object.keys(AUDIENCE_PREDICATES).map((a) => [a, 0]));
  profiles = 0;
  add(p: Prospect): void {
    this.profiles++;
    for (const [name, pred] of Object.entries(AUDIENCE_PREDICATES)) if (pred(p)) this.counts[name]++;
  }
}

function fileNameDate(asOfMs: number): string {
  return new Date(asOfMs).toISOString().slice(0, 10).replace(/-/g, '');
}

function relPath(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}

interface FileRun {
  readonly kind: 'csv' | 'json';
  readonly file: string;
  readonly plan: FilePlan;
  readonly rng: Rng;
  readonly dupRecords: readonly Prospect[];
}

async function writeFile(run: FileRun, asOfMs: number, counter: AudienceCounter, dupAt: (d: number, record: number) => void): Promise<Omit<FileExpectation, 'path'>> {
  const { kind, plan, rng } = run;
  const csv = kind === 'csv';
  const { writer, done } = openOutput(run.file, !csv);
  let line = 1;
  let quotedNewlines = 0;
  if (csv) {
    await writer.write(CSV_COLUMNS.map(([c]) => c).join(',') + '\n');
    line++;
  }
  const badRows: BadRow[] = [];
  const badByReason: Partial<Record<BadRowReason, number>> = {};
  for (const r of csv ? CSV_BAD_REASONS : JSON_BAD_REASONS) if ([...plan.bad.values()].some((b) => b.reason === r)) badByReason[r] = 0;
  for (let i = 0; i < plan.rows; i++) {
    const d = plan.dup.get(i);
    const p = d !== undefined ? { ...run.dupRecords[d] } : makeProspect(rng, partnerIdOf(kind, i), asOfMs, false);
    if (plan.newline.has(i)) p['homeAddress.street'] = `${p['homeAddress.street']}\nUnit ${int(rng, 1, 9)}`;
    const b = plan.bad.get(i);
    let text: string;
    if (b) {
      const defect = applyDefect(p, b.reason, b.k);
      text = csv ? csvLine(p) : jsonLine(p);
      let value = defect.value;
      if (b.reason === 'too-many-columns') text = value = `${text},${csvField(pick(rng, ['EXTRA', 'N/A', '1']))}`;
      if (b.reason === 'wrong-type') {
        // age as a string of words, where the schema wants an integer
        const o = JSON.parse(text) as Record<string, unknown>;
        o.age = value = pick(rng, ['forty-two', 'thirty', 'unknown']);
        text = JSON.stringify(o);
      }
      if (b.reason === 'missing-partner-id' && !csv && b.k % 2 === 1) text = JSON.stringify({ partner_id: null, ...(JSON.parse(text) as object) });
      if (b.reason === 'invalid-json') text = value = text.slice(0, Math.max(20, Math.floor(text.length / 2)));
      badRows.push({ record: i + 1, line, reason: b.reason, ...(defect.field ? { field: defect.field } : {}), ...(value !== undefined ? { value } : {}) });
      badByReason[b.reason] = (badByReason[b.reason] ?? 0) + 1;
    } else {
      text = csv ? csvLine(p) : jsonLine(p);
      if (d !== undefined) dupAt(d, i + 1);
      else counter.add(p);
    }
    const newlinesInside = csv ? (text.match(/\n/g) ?? []).length : 0;
    quotedNewlines += newlinesInside;
    line += 1 + newlinesInside;
    await writer.write(text + '\n');
  }
  await writer.end();
  await done;
  const bad = badRows.length;
  return {
    source: csv ? CSV_SOURCE : JSON_SOURCE,
    format: kind,
    compression: csv ? 'none' : 'gzip',
    header: csv,
    records: plan.rows,
    physicalLines: line - 1,
    quotedNewlines,
    good: plan.rows - bad,
    bad,
    badByReason,
    errorRatePercent: Math.round((bad / plan.rows) * 1_000_000) / 10_000,
    badRows,
  };
}

/** Writes the sample files and expected.json; returns the expectations. */
export async function generatePartnerFiles(options: GenerateOptions): Promise<Expectations> {
  const seed = String(options.seed ?? DEFAULT_SEED);
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const asOfMs = Date.parse(asOf);
  if (Number.isNaN(asOfMs)) throw new RangeError(`asOf: not a date-time: ${asOf}`);
  const rowsOpt = options.rows ?? DEFAULT_ROWS;
  const rows = typeof rowsOpt === 'number' ? { csv: rowsOpt, json: rowsOpt } : { csv: rowsOpt.csv ?? DEFAULT_ROWS.csv, json: rowsOpt.json ?? DEFAULT_ROWS.json };
  for (const [k, n] of Object.entries(rows)) if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`rows.${k}: expected a positive integer, got ${n}`);
  const badRows = options.badRows ?? 5;
  const files = new Set(options.files ?? ['csv', 'json']);
  const both = files.has('csv') && files.has('json');
  const duplicates = both ? (options.duplicates ?? 20) : 0;
  const newlines = options.quotedNewlines ?? 2;
  for (const [k, n] of Object.entries({ badRows, duplicates, quotedNewlines: newlines })) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${k}: expected a non-negative integer, got ${n}`);
  }

  const outDir = path.resolve(options.outDir);
  const date = fileNameDate(asOfMs);
  const csvFile = path.resolve(outDir, options.csvDir ?? '.', `acme_prospects_${date}.csv`);
  const jsonFile = path.resolve(outDir, options.jsonDir ?? '.', `acme_weekly_${date}.jsonl.gz`);

  // Plans and duplicate records come from their own streams, so each file's rows do not depend
  // on which other files are written.
  const planRng = seededRng(seed, 'plan');
  const csvPlan = planFile(planRng, rows.csv, CSV_BAD_REASONS, badRows, duplicates, newlines, 'csv');
  const jsonPlan = planFile(planRng, rows.json, JSON_BAD_REASONS, badRows, duplicates, 0, 'json');
  const dupRng = seededRng(seed, 'duplicates');
  const csvDupIdx = [...csvPlan.dup.keys()];
  const csvDups: Prospect[] = [];
  const jsonDups: Prospect[] = [];
  for (let d = 0; d < duplicates; d++) {
    const id = partnerIdOf('csv', csvDupIdx[d]);
    const a = makeProspect(dupRng, id, asOfMs, true);
    const b = makeProspect(dupRng, id, asOfMs, true);
    // Alternate which file holds the newer record; a full day apart at least.
    const newer = asOfMs - 2 * DAY_MS - d * 3_600_000;
    const older = newer - (7 + (d % 20)) * DAY_MS;
    a.lastUpdated = isoSeconds(d % 2 === 0 ? newer : older);
    b.lastUpdated = isoSeconds(d % 2 === 0 ? older : newer);
    csvDups.push(a);
    jsonDups.push(b);
  }

  const counter = new AudienceCounter();
  const dupRecords: { csv?: number; json?: number }[] = Array.from({ length: duplicates }, () => ({}));
  const fileExp: Record<string, FileExpectation> = {};
  fs.mkdirSync(outDir, { recursive: true });
  if (files.has('csv')) {
    const e = await writeFile({ kind: 'csv', file: csvFile, plan: csvPlan, rng: seededRng(seed, 'csv'), dupRecords: csvDups }, asOfMs, counter, (d, r) => (dupRecords[d].csv = r));
    fileExp[CSV_SOURCE] = { ...e, path: relPath(outDir, csvFile) };
  }
  if (files.has('json')) {
    const e = await writeFile({ kind: 'json', file: jsonFile, plan: jsonPlan, rng: seededRng(seed, 'json'), dupRecords: jsonDups }, asOfMs, counter, (d, r) => (dupRecords[d].json = r));
    fileExp[JSON_SOURCE] = { ...e, path: relPath(outDir, jsonFile) };
  }
  const dupExp: DuplicateExpectation[] = [];
  for (let d = 0; d < duplicates; d++) {
    const a = csvDups[d];
    const b = jsonDups[d];
    const csvNewer = a.lastUpdated > b.lastUpdated;
    counter.add(csvNewer ? a : b);
    dupExp.push({
      partnerId: a.partnerId!,
      csvRecord: dupRecords[d].csv!,
      jsonRecord: dupRecords[d].json!,
      csvLastUpdated: a.lastUpdated,
      jsonLastUpdated: b.lastUpdated,
      newer: csvNewer ? CSV_SOURCE : JSON_SOURCE,
    });
  }

  const expectations: Expectations = {
    generator: 'examples/generate-partner-files.ts',
    version: 1,
    seed,
    asOf,
    files: fileExp,
    duplicates: dupExp,
    profiles: counter.profiles,
    audiences: counter.counts,
  };
  fs.writeFileSync(path.join(outDir, EXPECTED_FILE), JSON.stringify(expectations, null, 2) + '\n');
  return expectations;
}

// ---------------------------------------------------------------------------------------------
// Where a local environment's runtime picks the files up

export interface LocalTargets {
  /** The environment's localRoot, absolute: receives expected.json. */
  readonly outDir: string;
  /** `<localRoot>/<landing bucket>/<landing prefix of acme-s3-drop>` */
  readonly csvDir: string;
  /** `<localRoot>/sftp/acme-sftp-weekly` */
  readonly jsonDir: string;
}

/**
 * Folders of a `runtime: local` environment of a spec folder (overrides applied) where the
 * runtime looks for the two sources' files.
 */
export function localTargets(specDir: string, envName = 'local'): LocalTargets {
  const docs: Doc[] = [];
  for (const file of listSpecFiles(specDir)) {
    for (const d of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const v = d.toJS() as Doc | null;
      if (v && typeof v === 'object' && typeof v.kind === 'string' && v.metadata && typeof v.metadata.name === 'string') docs.push(v);
    }
  }
  const env = docs.find((d) => d.kind === 'Environment' && d.metadata.name === envName) as Doc<'Environment'> | undefined;
  if (!env) throw new Error(`${specDir}: no Environment named ${envName}`);
  if (env.spec.runtime !== 'local' || !env.spec.localRoot) throw new Error(`${specDir}: environment ${envName} is not runtime: local with a localRoot`);
  const sourceDoc = (name: string): Doc<'Source'> => {
    const s = docs.find((d) => d.kind === 'Source' && d.metadata.name === name) as Doc<'Source'> | undefined;
    if (!s) throw new Error(`${specDir}: no Source named ${name}`);
    const patch = env.spec.overrides?.Source?.[name];
    return patch === undefined ? s : { ...s, spec: mergePatch(s.spec, patch) as Doc<'Source'>['spec'] };
  };
  const root = path.resolve(specDir, env.spec.localRoot);
  return {
    outDir: root,
    csvDir: path.join(root, bucketName(env, 'landing'), sourceLandingPrefix(sourceDoc(CSV_SOURCE))),
    jsonDir: path.join(root, localSftpFolder(sourceDoc(JSON_SOURCE).metadata.name)),
  };
}

// ---------------------------------------------------------------------------------------------
// Command line

const USAGE = `usage: generate-partner-files OUTDIR [options]
       generate-partner-files --local SPECDIR [--env NAME] [options]

Writes acme_prospects_<date>.csv (source acme-s3-drop), acme_weekly_<date>.jsonl.gz
(source acme-sftp-weekly) and expected.json. With --local, the files go where the
environment's local runtime picks them up and expected.json into its localRoot.

options:
  --rows N          data records in each file (default: 3000 CSV, 2000 JSON lines)
  --csv-rows N      data records in the CSV file
  --json-rows N     data records in the JSON-lines file
  --seed S          PRNG seed, number or text (default 42)
  --bad-rows N      bad rows of each kind in each file (default 5)
  --duplicates N    partner ids present in both files (default 20)
  --only csv|json   write one file only
  --as-of ISO       reference date-time (default ${DEFAULT_AS_OF})
  --quiet           print nothing on success`;

class UsageError extends Error {}

interface CliArgs {
  options: GenerateOptions;
  quiet: boolean;
}

function parseCount(flag: string, v: string | undefined, min: number): number {
  const n = v !== undefined && /^[0-9][0-9_,]*$/.test(v) ? Number(v.replace(/[_,]/g, '')) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag}: expected an integer >= ${min}, got ${v ?? 'nothing'}`);
  return n;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let outDir: string | undefined;
  let local: string | undefined;
  let env = 'local';
  let quiet = false;
  const o: { rows?: number; csv?: number; json?: number; seed?: string; badRows?: number; duplicates?: number; only?: 'csv' | 'json'; asOf?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a}: missing value`);
      return v;
    };
    switch (a) {
      case '--rows': o.rows = parseCount(a, value(), 1); break;
      case '--csv-rows': o.csv = parseCount(a, value(), 1); break;
      case '--json-rows': o.json = parseCount(a, value(), 1); break;
      case '--seed': o.seed = value(); break;
      case '--bad-rows': o.badRows = parseCount(a, value(), 0); break;
      case '--duplicates': o.duplicates = parseCount(a, value(), 0); break;
      case '--as-of': o.asOf = value(); break;
      case '--local': local = value(); break;
      case '--env': env = value(); break;
      case '--quiet': quiet = true; break;
      case '--only': {
        const v = value();
        if (v !== 'csv' && v !== 'json') throw new UsageError(`--only: expected csv or json, got ${v}`);
        o.only = v;
        break;
      }
      case '-h':
      case '--help':
        throw new UsageError('');
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        if (outDir !== undefined) throw new UsageError(`unexpected argument ${a}`);
        outDir = a;
    }
  }
  if ((outDir === undefined) === (local === undefined)) throw new UsageError('give either OUTDIR or --local SPECDIR');
  const rows = { csv: o.csv ?? o.rows ?? DEFAULT_ROWS.csv, json: o.json ?? o.rows ?? DEFAULT_ROWS.json };
  const common = {
    rows,
    ...(o.seed !== undefined ? { seed: /^-?[0-9]+$/.test(o.seed) ? Number(o.seed) : o.seed } : {}),
    ...(o.badRows !== undefined ? { badRows: o.badRows } : {}),
    ...(o.duplicates !== undefined ? { duplicates: o.duplicates } : {}),
    ...(o.only ? { files: [o.only] } : {}),
    ...(o.asOf ? { asOf: o.asOf } : {}),
  };
  if (local !== undefined) {
    const t = localTargets(local, env);
    return { options: { ...common, outDir: t.outDir, csvDir: t.csvDir, jsonDir: t.jsonDir }, quiet };
  }
  return { options: { ...common, outDir: outDir! }, quiet };
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (!e.message) {
        process.stdout.write(USAGE + '\n');
        return 0;
      }
      process.stderr.write(`generate-partner-files: ${e.message}\n${USAGE.split('\n').slice(0, 2).join('\n')}\n`);
      return 2;
    }
    process.stderr.write(`generate-partner-files: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    const started = Date.now();
    const exp = await generatePartnerFiles(args.options);
    if (!args.quiet) {
      const out = path.resolve(args.options.outDir);
      for (const f of Object.values(exp.files)) {
        process.stdout.write(`${path.join(out, f.path)}  ${f.records} records: ${f.good} good, ${f.bad} bad (${f.errorRatePercent}%)\n`);
      }
      process.stdout.write(`${path.join(out, EXPECTED_FILE)}  ${exp.profiles} profiles, ${exp.duplicates.length} duplicate ids; ${Object.entries(exp.audiences).map(([a, n]) => `${a}=${n}`).join(' ')}  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    }
    return 0;
  } catch (e) {
    process.stderr.write(`generate-partner-files: ${(e as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
