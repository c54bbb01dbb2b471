// Reads `terraform show -json PLANFILE` output (plan format 0.1 to 1.x) into a ChangeReport.
//
// What changed across format versions, and how it is handled:
// - 0.1 (Terraform 0.12-0.14): no before_sensitive/after_sensitive; sensitive values cannot be
//   masked, and the report says so in its notes.
// - 0.2 (0.15-1.0): before_sensitive/after_sensitive, resource_drift (entries may lack `address`).
// - 1.0-1.1: replace_paths, previous_address (moved blocks).
// - 1.2+: action_reason, relevant_attributes; later 1.x adds importing, checks, errored,
//   complete, applyable and deferred_changes. Unknown fields are ignored; unknown actions are kept.

import { attributeChanges, PathSegment, renderPath } from './attribute-changes';
import { describeActionReason } from './action-reasons';
import { PlanFormatError } from './plan-format-error';
import {
  ChangeReport,
  DriftedResource,
  OutputChange,
  ResourceAction,
  ResourceChange,
  compareResources,
  compareStrings,
  countChanges,
} from './report';
import { resourceRisks } from './resource-risks';

export { PlanFormatError } from './plan-format-error';

type Obj = Record<string, unknown>;

/**
 * Parse the text of a JSON plan. `fileName` names the file in error messages.
 * @throws PlanFormatError when the text is not a terraform plan of format 0.x or 1.x.
 */
export function parsePlan(text: string, fileName = '<plan>'): ChangeReport {
  const fail = (detail: string): never => {
    throw new PlanFormatError(fileName, detail);
  };
  const doc = parseJson(text, fail);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    fail(`the JSON document is ${Array.isArray(doc) ? 'a list' : doc === null ? 'null' : `a ${typeof doc}`}, expected the object that terraform show -json PLANFILE prints`);
  }
  const plan = doc as Obj;
  checkIsPlan(plan, fail);
  const formatVersion = plan.format_version as string;
  const major = Number(formatVersion.split('.')[0]);
  if (major > 1) {
    throw new PlanFormatError(
      fileName,
      `format_version "${formatVersion}"; this tool reads plan formats 0.1 to 1.x, upgrade prospect-iac to read it`,
      'unsupported-version',
    );
  }

  const resources = list(plan.resource_changes, 'resource_changes', fail).map((rc, i) =>
    resourceChange(rc, `resource_changes[${i}]`, fail),
  );
  resources.sort(compareResources);
  const outputs = outputChanges(plan.output_changes, sensitiveOutputs(plan), fail);
  const drift = driftOf(plan.resource_drift, fail);
  const notes = notesOf(plan, formatVersion, resources.length);
  return {
    title: 'Terraform plan',
    origin: {
      kind: 'terraform-plan',
      ...(fileName !== '<plan>' ? { file: fileName } : {}),
      formatVersion,
      ...(typeof plan.terraform_version === 'string' ? { terraformVersion: plan.terraform_version } : {}),
    },
    counts: countChanges(resources),
    resources,
    outputs,
    drift,
    risks: resourceRisks(resources),
    notes,
  };
}

function parseJson(text: string, fail: (d: string) => never): unknown {
  if (text.startsWith('PK\u0003\u0004')) {
    fail('this is a binary plan file; convert it with terraform show -json PLANFILE > plan.json');
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') fail('the file is empty');
  try {
    return JSON.parse(body);
  } catch (e) {
    return fail(`invalid JSON${jsonErrorWhere(body, (e as Error).message)}; expected the output of terraform show -json PLANFILE`);
  }
}

/** ` at line L, column C: what` (or `: what`) from V8's message, which may give a position. */
function jsonErrorWhere(text: string, message: string): string {
  const what = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*in JSON at position \d+.*$/, '')
    .replace(/\s*at position \d+.*$/, '')
    .replace(/, "[\s\S]* is not valid JSON$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const lc = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lc) return ` at line ${lc[1]}, column ${lc[2]}: ${lowerFirst(what)}`;
  const pos = /at position (\d+)/.exec(message);
  if (pos) {
    const p = Number(pos[1]);
    const before = text.slice(0, p);
    const line = before.split('\n').length;
    const column = p - before.lastIndexOf('\n');
    return ` at line ${line}, column ${column}: ${lowerFirst(what)}`;
  }
  return `: ${lowerFirst(what)}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function checkIsPlan(plan: Obj, fail: (d: string) => never): void {
  const expected = 'expected the output of terraform show -json PLANFILE';
  if ('lineage' in plan && 'serial' in plan) fail(`this is a terraform state file; ${expected}`);
  if (plan.format_version === undefined) fail(`no format_version field; ${expected}`);
  if (typeof plan.format_version !== 'string' || !/^\d+\.\d+/.test(plan.format_version)) {
    fail(`format_version is ${JSON.stringify(plan.format_version)}, expected a version such as "1.2"`);
  }
  if (!('planned_values' in plan) && !('resource_changes' in plan)) {
    if ('values' in plan) fail(`this is terraform state printed as JSON, not a plan; ${expected}`);
    if ('provider_schemas' in plan) fail(`this is the output of terraform providers schema -json; ${expected}`);
    fail(`it has neither resource_changes nor planned_values; ${expected}`);
  }
}

function list(v: unknown, where: string, fail: (d: string) => never): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return fail(`${where} is ${describe(v)}, expected a list`);
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `the ${typeof v} ${JSON.stringify(v)}`;
}

function obj(v: unknown, where: string, fail: (d: string) => never): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(`${where} is ${describe(v)}, expected an object`);
  return v as Obj;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** One action from Terraform's list: `["delete","create"]` is a replacement, anything unknown is kept. */
export function normalizeActions(actions: readonly string[]): { action: ResourceAction; replaceOrder?: 'delete-first' | 'create-first' } {
  if (actions.length === 0) return { action: 'no-op' };
  if (actions.length === 2 && actions.includes('delete') && actions.includes('create')) {
    return { action: 'replace', replaceOrder: actions[0] === 'delete' ? 'delete-first' : 'create-first' };
  }
  return { action: actions.join('+') };
}

function actionsOf(change: Obj, where: string, fail: (d: string) => never): string[] {
  const a = change.actions;
  if (!Array.isArray(a) || a.some((x) => typeof x !== 'string')) {
    return fail(`${where}.actions is ${describe(a)}, expected a list of action names`);
  }
  return a as string[];
}

/** Address from its parts, for entries that lack one (resource_drift in format 0.2). */
function addressOf(rc: Obj): string | undefined {
  const given = str(rc.address);
  if (given) return given;
  const type = str(rc.type);
  const name = str(rc.name);
  if (!type || !name) return undefined;
  const mode = rc.mode === 'data' ? 'data.' : '';
  const mod = str(rc.module_address);
  const idx = rc.index === undefined ? '' : typeof rc.index === 'number' ? `[${rc.index}]` : `[${JSON.stringify(rc.index)}]`;
  return `${mod ? mod + '.' : ''}${mode}${type}.${name}${idx}`;
}

function resourceChange(raw: unknown, where: string, fail: (d: string) => never): ResourceChange {
  const rc = obj(raw, where, fail);
  const address = addressOf(rc) ?? fail(`${where} has no address (nor type and name)`);
  const change = obj(rc.change, `${where}.change`, fail);
  const { action, replaceOrder } = normalizeActions(actionsOf(change, `${where}.change`, fail));
  const replacePaths = pathsOf(change.replace_paths);
  const reasonCode = str(rc.action_reason);
  const reason = reasonCode ? describeActionReason(reasonCode) : undefined;
  const replaceReasons: string[] = [];
  if (action === 'replace') {
    if (reason) replaceReasons.push(reason);
    if (replacePaths.length) {
      const paths = replacePaths.map(renderPath).join(', ');
      replaceReasons.push(replacePaths.length === 1 ? `a change to ${paths} forces replacement` : `changes to ${paths} force replacement`);
    }
  }
  const importing = change.importing;
  const importingId =
    typeof importing === 'object' && importing !== null ? str((importing as Obj).id) ?? str((importing as Obj).identity) ?? '' : undefined;
  const type = str(rc.type) ?? '';
  return {
    address,
    type,
    name: str(rc.name) ?? '',
    ...(str(rc.module_address) ? { module: str(rc.module_address) } : {}),
    mode: str(rc.mode) ?? 'managed',
    action,
    ...(replaceOrder ? { replaceOrder } : {}),
    ...(str(rc.deposed) ? { deposed: str(rc.deposed) } : {}),
    ...(str(rc.previous_address) ? { previousAddress: str(rc.previous_address) } : {}),
    ...(importingId !== undefined ? { importingId } : {}),
    ...(reason && action !== 'replace' ? { reason } : {}),
    replaceReasons,
    replacePaths: replacePaths.map(renderPath),
    attributes:
      action === 'no-op'
        ? []
        : attributeChanges({
            before: change.before,
            after: change.after,
            beforeSensitive: change.before_sensitive,
            afterSensitive: change.after_sensitive,
            afterUnknown: change.after_unknown,
            replacePaths,
          }),
  };
}

function pathsOf(v: unknown): PathSegment[][] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((p): p is unknown[] => Array.isArray(p))
    .map((p) => p.filter((s): s is PathSegment => typeof s === 'string' || typeof s === 'number'))
    .filter((p) => p.length > 0);
}

/** Outputs declared `sensitive = true`: the only marking format 0.1 plans carry for outputs. */
function sensitiveOutputs(plan: Obj): Set<string> {
  const names = new Set<string>();
  const prior = typeof plan.prior_state === 'object' && plan.prior_state !== null ? (plan.prior_state as Obj).values : undefined;
  for (const section of [plan.planned_values, prior]) {
    const outs = typeof section === 'object' && section !== null ? (section as Obj).outputs : undefined;
    if (typeof outs !== 'object' || outs === null) continue;
    for (const [name, o] of Object.entries(outs as Obj)) {
      if (typeof o === 'object' && o !== null && (o as Obj).sensitive === true) names.add(name);
    }
  }
  return names;
}

function outputChanges(v: unknown, sensitive: ReadonlySet<string>, fail: (d: string) => never): OutputChange[] {
  if (v === undefined || v === null) return [];
  const all = obj(v, 'output_changes', fail);
  const out: OutputChange[] = [];
  for (const name of Object.keys(all).sort(compareStrings)) {
    const change = obj(all[name], `output_changes.${name}`, fail);
    const { action } = normalizeActions(actionsOf(change, `output_changes.${name}`, fail));
    if (action === 'no-op') continue;
    out.push({
      name,
      action,
      attributes: attributeChanges(
        {
          before: change.before,
          after: change.after,
          beforeSensitive: sensitive.has(name) ? true : change.before_sensitive,
          afterSensitive: sensitive.has(name) ? true : change.after_sensitive,
          afterUnknown: change.after_unknown,
        },
        [name],
      ),
    });
  }
  return out;
}

function driftOf(v: unknown, fail: (d: string) => never): DriftedResource[] {
  const out: DriftedResource[] = [];
  list(v, 'resource_drift', fail).forEach((raw, i) => {
    const rc = obj(raw, `resource_drift[${i}]`, fail);
    const change = obj(rc.change, `resource_drift[${i}].change`, fail);
    const { action } = normalizeActions(actionsOf(change, `resource_drift[${i}].change`, fail));
    const address = addressOf(rc);
    if (action !== 'no-op' && address) out.push({ address, action });
  });
  return out.sort((a, b) => compareStrings(a.address, b.address) || compareStrings(a.action, b.action));
}

function notesOf(plan: Obj, formatVersion: string, resourceCount: number): string[] {
  const notes: string[] = [];
  if (plan.errored === true) notes.push('Terraform reported errors while planning: this plan is incomplete and cannot be applied.');
  else if (plan.complete === false) notes.push('This plan is incomplete: some changes are deferred to a later plan and apply.');
  const deferred = Array.isArray(plan.deferred_changes) ? plan.deferred_changes.length : 0;
  if (deferred) notes.push(`${deferred} resource change${deferred === 1 ? ' is' : 's are'} deferred until values they depend on are known.`);
  const changes = Array.isArray(plan.resource_changes) ? (plan.resource_changes as unknown[]) : [];
  const unmarked = changes.some((rc) => {
    const c = typeof rc === 'object' && rc !== null ? (rc as Obj).change : undefined;
    return typeof c === 'object' && c !== null && !('before_sensitive' in c) && !('after_sensitive' in c);
  });
  // Terraform 0.15 and later always write the markings; only format 0.1 can lack them.
  if (formatVersion === '0.1' && resourceCount > 0 && unmarked) {
    notes.push('This plan has no sensitivity markings (written by Terraform older than 0.15): sensitive resource attributes cannot be told apart and are shown as they are (outputs declared sensitive are masked).');
  }
  return notes;
}
