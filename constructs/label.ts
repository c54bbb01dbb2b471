// A data-usage label (declared or built in, e.g. THIRD_PARTY) as a Lake Formation LF-tag, so
// that Lake Formation permissions can follow the labels on Glue columns. One per label code
// used by a schema of the environment. Tag keys carry the environment prefix (LF-tags are
// account-wide, and dev and prod may share an account) and are lower-case, as Lake Formation
// stores them; the only value is "true": a column carries the label or has no such tag.

import { Construct } from 'constructs';
import { LakeformationLfTag } from '@cdktf/provider-aws/lib/lakeformation-lf-tag';

export interface LabelProps {
  /** Label code, e.g. THIRD_PARTY or C2. */
  readonly code: string;
  /** Environment prefix of the tag key. */
  readonly namePrefix: string;
}

export const LABEL_TAG_VALUE = 'true';

export function labelTagKey(namePrefix: string, code: string): string {
  return `${namePrefix}:${code}`.toLowerCase();
}

export class Label extends Construct {
  readonly tag: LakeformationLfTag;
  readonly code: string;
  /** The LF-tag key (a reference, so users of it depend on the tag). */
  readonly tagKey: string;

  constructor(scope: Construct, id: string, props: LabelProps) {
    super(scope, id);
    this.code = props.code;
    this.tag = new LakeformationLfTag(this, 'LfTag', { key: labelTagKey(props.namePrefix, props.code), values: [LABEL_TAG_VALUE] });
    this.tagKey = this.tag.key;
  }
}
