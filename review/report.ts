// The change report: what a change does, shared by `prospect plan-report` (from a terraform plan)
// and `prospect diff` (from two revisions of a spec set). Renderers read only this model.

/** A JSON value as it appears in a plan or a spec. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * One side of a change as the report shows it. Sensitive and unknown values never carry the
 * value itself: the markers are all a renderer ever sees.
 */
export type ShownValue =
  | { readonly kind: 'value'; readonly value: JsonValue }
  /** Rendered `(sensitive)`. */
  | { readonly kind: 'sensitive' }
  /** Rendered `(known after apply)`. */
  | { readonly kind: 'unknown' };

export const SENSITIVE_TEXT = '(sensitive)';
export const UNKNOWN_TEXT = '(known after apply)';

/**
 * What happens to a resource. `replace` covers both orders (see `ResourceChange.replaceOrder`).
 * Any other string is an action this tool does not know (e.g. a future Terraform's `forget`),
 * kept as Terraform wrote it (several actions joined with `+`).
 */
export type ResourceAction = 'create' | 'update' | 'delete' | 'replace' | 'read' | 'no-op' | (string & {});

export const KNOWN_ACTIONS: readonly string[] = ['create', 'update', 'delete', 'replace', 'read', 'no-op'];

/** One attribute (a leaf, or a whole masked or unknown subtree) whose value changes. */
export interface AttributeChange {
  /** Attribute path, e.g. `tags.Name`, `ingress[0].cidr_blocks`, `tags["kubernetes.io/role"]`. */
  readonly path: string;
  readonly before: ShownValue;
  readonly after: ShownValue;
  /** True when the path is one of the plan's `replace_paths` (or lies under one). */
  readonly forcesReplacement: boolean;
}

export interface ResourceChange {
  /** Terraform address, e.g. `module.data.aws_s3_bucket.landing["eu"]`. */
  readonly address: string;
  /** Resource type, e.g. `aws_s3_bucket`. */
  readonly type: string;
  /** Resource name in its module, e.g. `landing`. */
  readonly name: string;
  /** Module address, e.g. `module.data`; left out for the root module. */
  readonly module?: string;
  /** `managed` (a resource) or `data` (a data source). @default 'managed' */
  readonly mode: string;
  readonly action: ResourceAction;
  /** For a replacement: which object exists first. */
  readonly replaceOrder?: 'delete-first' | 'create-first';
  /** Set when the change concerns a deposed object (left over by a failed create-before-destroy). */
  readonly deposed?: string;
  /** The address this resource had before a `moved` block. */
  readonly previousAddress?: string;
  /** Set when the resource is being imported, with the import id. */
  readonly importingId?: string;
  /** Why Terraform chose this action, in plain words (from `action_reason`). */
  readonly reason?: string;
  /** Why the resource is replaced, in plain words; empty unless `action` is `replace`. */
  readonly replaceReasons: readonly string[];
  /** Attribute paths that force the replacement (`replace_paths`), rendered as paths. */
  readonly replacePaths: readonly string[];
  /** Attributes whose value changes, sorted by path; empty for no-ops. */
  readonly attributes: readonly AttributeChange[];
}

export interface OutputChange {
  readonly name: string;
  readonly action: ResourceAction;
  /** Paths start with the output's name. */
  readonly attributes: readonly AttributeChange[];
}

/** A resource Terraform found changed outside Terraform since the last apply. */
export interface DriftedResource {
  readonly address: string;
  readonly action: ResourceAction;
}

/** One field of a spec document whose value changes. Path inside the document, e.g. `spec.expiration.afterDays`. */
export interface SpecFieldChange {
  readonly path: string;
  /** `{kind: 'value', value: null}` when the field is added. */
  readonly before: ShownValue;
  /** `{kind: 'value', value: null}` when the field is removed. */
  readonly after: ShownValue;
}

/** One spec document (kind and name) added, removed or changed between two revisions. */
export interface SpecDocumentChange {
  readonly kind: string;
  readonly name: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** File of the document, relative to the spec folder (the head file, or the base file when removed). */
  readonly file?: string;
  /** Changed fields, sorted by path; empty for added and removed documents. */
  readonly fields: readonly SpecFieldChange[];
}

export type RiskSeverity = 'high' | 'medium';
export type RiskCategory = 'data-loss' | 'destroy' | 'governance' | 'iam' | (string & {});

export interface Risk {
  readonly severity: RiskSeverity;
  readonly category: RiskCategory;
  /** Plain words, no markup, without the address (renderers print it beside). */
  readonly message: string;
  /** Terraform address the risk is about. */
  readonly address?: string;
  /** Spec document the risk is about, as `Kind/name`. */
  readonly document?: string;
}

/** Resources per action. A replacement is counted once, as `replace` (not as create plus delete). */
export interface ChangeCounts {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  readonly read: number;
  readonly noOp: number;
  /** Resources whose action this tool does not know. */
  readonly other: number;
}

export type ReportOrigin =
  | {
      readonly kind: 'terraform-plan';
      /** The plan file as the user named it. */
      readonly file?: string;
      readonly formatVersion: string;
      readonly terraformVersion?: string;
    }
  | {
      readonly kind: 'spec-diff';
      readonly base: string;
      readonly head: string;
      readonly env?: string;
    };

export interface ChangeReport {
  /** First words of the summary line, e.g. `Terraform plan`. */
  readonly title: string;
  readonly origin: ReportOrigin;
  readonly counts: ChangeCounts;
  /** Every resource in the change, no-ops included, sorted by address. */
  readonly resources: readonly ResourceChange[];
  /** Output values whose value changes, sorted by name. */
  readonly outputs: readonly OutputChange[];
  /** Resources changed outside Terraform, sorted by address. */
  readonly drift: readonly DriftedResource[];
  /** Spec-level changes (filled by `prospect diff`). */
  readonly specChanges?: readonly SpecDocumentChange[];
  /** High first, then by address and message. */
  readonly risks: readonly Risk[];
  /** Facts a reviewer must see, e.g. that Terraform reported errors while planning. */
  readonly notes: readonly string[];
}

/** Counts of resource changes by action. */
export function countChanges(resources: readonly Pick<ResourceChange, 'action'>[]): ChangeCounts {
  const c = { create: 0, update: 0, replace: 0, delete: 0, read: 0, noOp: 0, other: 0 };
  for (const r of resources) {
    switch (r.action) {
      case 'create': c.create++; break;
      case 'update': c.update++; break;
      case 'replace': c.replace++; break;
      case 'delete': c.delete++; break;
      case 'read': c.read++; break;
      case 'no-op': c.noOp++; break;
      default: c.other++;
    }
  }
  return c;
}

/** True when the resource changes something (anything but a no-op). */
export function isChange(r: Pick<ResourceChange, 'action'>): boolean {
  return r.action !== 'no-op';
}

/** True when the action destroys an existing object (delete, or replace). */
export function destroysObject(action: ResourceAction): boolean {
  return action === 'delete' || action === 'replace';
}

/** Plain code-unit comparison: stable across locales and machines. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareResources(a: ResourceChange, b: ResourceChange): number {
  return compareStrings(a.address, b.address) || compareStrings(a.deposed ?? '', b.deposed ?? '');
}

export function compareRisks(a: Risk, b: Risk): number {
  const rank = (r: Risk) => (r.severity === 'high' ? 0 : 1);
  return (
    rank(a) - rank(b) ||
    compareStrings(a.address ?? a.document ?? '', b.address ?? b.document ?? '') ||
    compareStrings(a.category, b.category) ||
    compareStrings(a.message, b.message)
  );
}

/** `N to create, N to update, N to replace, N to destroy`, then reads, other actions and no-ops when present. */
export function summaryLine(counts: ChangeCounts): string {
  let s = `${counts.create} to create, ${counts.update} to update, ${counts.replace} to replace, ${counts.delete} to destroy`;
  if (counts.read) s += `, ${counts.read} to read`;
  if (counts.other) s += `, ${counts.other} with other actions`;
  if (counts.noOp) s += `; ${counts.noOp} unchanged`;
  return s;
}
