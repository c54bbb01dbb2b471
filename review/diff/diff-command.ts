// `prospect diff [DIR] --base REF [--head REF] [--env NAME] [--format markdown|json|text]`: the
// command's core. Reads the spec set at both revisions from git (the head defaults to the
// working tree), validates both, synthesizes both per environment in memory, and builds one
// ChangeReport (origin `spec-diff`): spec changes, resource changes and risks. No cloud access.

import { Diagnostic, formatJson, formatText, hasErrors, sortDiagnostics } from '../../specs/diagnostics';
import { loadSpecTexts, LoadResult } from '../../specs/loader';
import type { Doc, SpecSet } from '../../specs/model';
import { UsageError, validateLoaded, ValidationResult } from '../../specs/validate';
import { REPORT_FORMATS, ReportFormat } from '../cli-plan-report';
import { renderJson, renderMarkdown, renderText } from '../render';
import { ChangeReport, OutputChange, ResourceChange, Risk, compareResources, compareRisks, compareStrings, countChanges } from '../report';
import { resourceRisks } from '../resource-risks';
import { locateRepo, readSpecRevision, readWorkingTree, SpecRevision } from './git-revision';
import { diffSpecs, specDocuments } from './spec-diff';
import { specRisks } from './spec-risks';
import { diffTerraform, TerraformJson } from './terraform-diff';

/** Synthesizes one environment of a validated spec set (overrides applied) to Terraform JSON, in memory. */
export type Synthesize = (specs: SpecSet, environment: Doc<'Environment'>) => Promise<TerraformJson>;

export interface DiffArgs {
  /** The spec folder, as given on the command line. */
  readonly dir: string;
  readonly base: string;
  /** @default - the working tree */
  readonly head?: string;
  /** @default - every `runtime: aws` environment declared at both revisions */
  readonly env?: string;
  readonly format: ReportFormat;
  readonly synthesize: Synthesize;
}

export interface DiffResult {
  /** The report (exit 0); empty otherwise. */
  readonly output: string;
  /** What went wrong (exit 1): the diagnostics of an invalid side, or why synthesis failed. */
  readonly errors: string;
  /** 0 report rendered (whatever it contains); 1 a side is invalid or cannot be synthesized. Bad usage throws UsageError or GitError (exit 2). */
  readonly exitCode: number;
  readonly report?: ChangeReport;
}

/** A revision whose spec set does not validate, with its diagnostics. */
export interface InvalidSide {
  readonly side: 'base' | 'head';
  readonly label: string;
  readonly diagnostics: readonly Diagnostic[];
}

export async function runDiff(args: DiffArgs): Promise<DiffResult> {
  if (!REPORT_FORMATS.includes(args.format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got "${args.format}"`);
  const built = await buildDiffReport(args);
  if ('invalid' in built) {
    const errors =
      args.format === 'json'
        ? JSON.stringify({ invalid: built.invalid.map((s) => ({ side: s.side, revision: s.label, ...JSON.parse(formatJson(s.diagnostics)) })) }, null, 2) + '\n'
        : built.invalid
            .map((s) => `prospect diff: the spec set is invalid at ${s.side} (${s.label}); fix it, or compare other revisions:\n${formatText(s.diagnostics)}\n`)
            .join('');
    return { output: '', errors, exitCode: 1 };
  }
  if ('failure' in built) return { output: '', errors: `prospect diff: ${built.failure}\n`, exitCode: 1 };
  const r = built.report;
  const output = args.format === 'json' ? renderJson(r) : args.format === 'text' ? renderText(r) : renderMarkdown(r);
  return { output, errors: '', exitCode: 0, report: r };
}

interface Side {
  readonly rev: SpecRevision;
  readonly load: LoadResult;
  /** Validated without an environment: the documents as written. */
  readonly raw: ValidationResult;
}

export async function buildDiffReport(
  args: Omit<DiffArgs, 'format'>,
): Promise<{ report: ChangeReport } | { invalid: InvalidSide[] } | { failure: string }> {
  const location = locateRepo(args.dir);
  const baseRev = readSpecRevision(args.dir, args.base, location);
  const headRev = args.head === undefined ? readWorkingTree(args.dir) : readSpecRevision(args.dir, args.head, location);
  if (!baseRev.present && !headRev.present) {
    throw new UsageError(`${args.dir}: no spec folder at ${args.base} nor at ${headRev.label}`);
  }
  const side = (rev: SpecRevision): Side => {
    const load = loadSpecTexts(rev.files);
    return { rev, load, raw: validateLoaded(load) };
  };
  const base = side(baseRev);
  const head = side(headRev);
  const notes: string[] = [];
  const label = (s: Side) => (s.rev.commit ? `${s.rev.label} (${s.rev.commit.slice(0, 12)})` : s.rev.label);
  if (!baseRev.present) notes.push(`${args.dir} does not exist at ${label(base)}: every document is new.`);
  if (!headRev.present) notes.push(`${args.dir} does not exist at ${label(head)}: every document is removed.`);

  // Environments to compare, and the validation of each side with each one's overrides.
  const envs = environmentsToCompare(base.raw.specs, head.raw.specs, args.env, notes);
  const diagnostics = { base: [...base.raw.diagnostics], head: [...head.raw.diagnostics] };
  const effective: { env: string; base?: ValidationResult; head?: ValidationResult }[] = [];
  for (const env of envs) {
    const e: (typeof effective)[number] = { env };
    for (const [name, s] of [['base', base], ['head', head]] as const) {
      const env = s.raw.specs.byKind.Environment.get(e.env);
      if (!env || env.spec.runtime !== 'aws') continue;
      const v = validateLoaded(s.load, { env: e.env });
      diagnostics[name].push(...v.diagnostics);
      e[name] = v;
    }
    effective.push(e);
  }
  const invalid: InvalidSide[] = [];
  for (const [name, s] of [['base', base], ['head', head]] as const) {
    const d = sortDiagnostics(diagnostics[name]);
    if (hasErrors(d)) invalid.push({ side: name, label: label(s), diagnostics: d });
  }
  if (invalid.length) return { invalid };

  // Spec level: documents as written.
  const specDiff = diffSpecs(specDocuments(base.load.documents), specDocuments(head.load.documents));
  for (const r of specDiff.renames) {
    notes.push(`${r.kind} ${r.from} was removed and ${r.kind} ${r.to} added with otherwise equal content: possible rename (its resources are destroyed and created again).`);
  }
  const risks: Risk[] = specRisks({ base: base.raw.specs, head: head.raw.specs, renames: specDiff.renames });
  const seen = new Set(risks.map(riskKey));

  // Resource level, per environment.
  const multi = effective.length > 1;
  const resources: ResourceChange[] = [];
  const outputs: OutputChange[] = [];
  for (const e of effective) {
    let tf: { base: TerraformJson; head: TerraformJson };
    try {
      tf = {
        base: e.base?.environment ? await args.synthesize(e.base.specs, e.base.environment) : {},
        head: e.head?.environment ? await args.synthesize(e.head.specs, e.head.environment) : {},
      };
    } catch (err) {
      return { failure: `cannot synthesize environment ${e.env}: ${(err as Error).message}` };
    }
    const d = diffTerraform(tf.base, tf.head, { addressPrefix: multi ? `${e.env}:` : '' });
    resources.push(...d.resources);
    outputs.push(...d.outputs);
    notes.push(...d.notes);
    risks.push(...d.risks);
    // The same spec rules over what this environment deploys (its overrides applied).
    if (e.base && e.head) {
      for (const r of specRisks({ base: e.base.specs, head: e.head.specs, renames: specDiff.renames })) {
        if (seen.has(riskKey(r))) continue;
        seen.add(riskKey(r));
        risks.push({ ...r, message: `${r.message} (environment ${e.env})` });
      }
    }
  }
  resources.sort(compareResources);
  outputs.sort((a, b) => compareStrings(a.name, b.name));
  risks.push(...resourceRisks(resources));

  const report: ChangeReport = {
    title: envs.length ? `Spec diff (${envs.join(', ')})` : 'Spec diff',
    origin: { kind: 'spec-diff', base: label(base), head: label(head), ...(envs.length === 1 ? { env: envs[0] } : {}) },
    counts: countChanges(resources),
    resources,
    outputs,
    drift: [],
    specChanges: specDiff.changes,
    risks: dedupe(risks).sort(compareRisks),
    notes,
  };
  return { report };
}

/**
 * `--env NAME`: that environment (declared at one revision at least; with runtime local it has
 * no stack). Otherwise every aws environment declared at both revisions; one declared at only
 * one of them is named in a note, not compared (pass --env to see every resource it creates).
 */
function environmentsToCompare(base: SpecSet, head: SpecSet, env: string | undefined, notes: string[]): string[] {
  const b = base.byKind.Environment;
  const h = head.byKind.Environment;
  if (env !== undefined) {
    const doc = h.get(env) ?? b.get(env);
    if (!doc) {
      const known = [...new Set([...b.keys(), ...h.keys()])].sort();
      throw new UsageError(`environment "${env}" is not declared at base or head (declared: ${known.length ? known.join(', ') : 'none'})`);
    }
    if (doc.spec.runtime !== 'aws' && b.get(env)?.spec.runtime !== 'aws') {
      notes.push(`Environment ${env} has runtime ${doc.spec.runtime}: it has no stack, so only spec changes are shown.`);
      return [];
    }
    if (!b.has(env)) notes.push(`Environment ${env} is new: every resource of its stack is created.`);
    if (!h.has(env)) notes.push(`Environment ${env} is removed: every resource of its stack is destroyed.`);
    return [env];
  }
  const isAws = (m: ReadonlyMap<string, Doc<'Environment'>>, n: string) => m.get(n)?.spec.runtime === 'aws';
  const names = [...new Set([...b.keys(), ...h.keys()])].sort();
  for (const n of names) {
    if (isAws(b, n) && !isAws(h, n)) notes.push(`Environment ${n} has no aws stack at head any more: not compared (use --env ${n} to see what is destroyed).`);
    if (!isAws(b, n) && isAws(h, n)) notes.push(`Environment ${n} is new at head: not compared (use --env ${n} to see what is created).`);
  }
  return names.filter((n) => isAws(b, n) && isAws(h, n));
}

function riskKey(r: Risk): string {
  return `${r.category}\0${r.document ?? r.address ?? ''}\0${r.message}`;
}

function dedupe(risks: readonly Risk[]): Risk[] {
  const seen = new Set<string>();
  return risks.filter((r) => (seen.has(riskKey(r)) ? false : (seen.add(riskKey(r)), true)));
}

