// Types shared by the security rules. The rules read the synthesized Terraform JSON
// (cdk.tf.json) as plain data: no cdktf, so they run the same on a file read from disk.

/** Attributes of one resource or data source, as cdktf writes them. */
export type TerraformAttributes = Readonly<Record<string, unknown>>;

/** `type -> name -> attributes`, the shape of the `resource` and `data` sections. */
export type TerraformBlocks = Readonly<Record<string, Readonly<Record<string, TerraformAttributes>>>>;

/** A synthesized stack. Only the sections the rules read are typed. */
export interface TerraformJson {
  readonly resource?: TerraformBlocks;
  readonly data?: TerraformBlocks;
  readonly [section: string]: unknown;
}

/** One problem found by a rule, on one resource. */
export interface Finding {
  /** Rule id, e.g. `CKV_AWS_18`. */
  readonly rule: string;
  /** Terraform address: `aws_s3_bucket.lake_1A2B3C4D`, or `data.<type>.<name>` for data sources. */
  readonly address: string;
  /** Construct path from the resource's `//.metadata.path` (e.g. `dev/lake/bucket`); absent when the JSON has none. */
  readonly path?: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** A rule is a pure function of the stack: same JSON in, same findings out. */
export interface SecurityRule {
  /** The checkov id where one exists, else a `PRS_` id. */
  readonly id: string;
  /** Short title, as in the README table. */
  readonly title: string;
  /** One line: what passes, what fails, and any documented exemption. */
  readonly doc: string;
  check(tf: TerraformJson): Finding[];
}

/** An entry of `EnvironmentSpec.suppressions` (specs/model.ts has the same shape). */
export interface Suppression {
  readonly rule: string;
  /** Glob (`*` = any characters) over the Terraform address or the construct path; left out, every resource. */
  readonly resource?: string;
  readonly reason: string;
}
