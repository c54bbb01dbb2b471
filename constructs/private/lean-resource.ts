// A provider resource written from attributes already in Terraform form. The generated provider
// classes build an object graph for every nested block type a resource could have (a Scheduler
// schedule's target alone has ECS, SageMaker, Kinesis, SQS... references), each with a captured
// stack trace; at a thousand schedules that is most of synth time. High-volume constructs build
// a typed config (the provider's own Config interface), map it with the provider's exported
// `...ToTerraform` functions, and hand the result here. Tests check the JSON equals the class's.

import { Construct } from 'constructs';
import { ITerraformDependable, TerraformResource } from 'cdktf';

/** Provider generator metadata, as the @cdktf/provider-aws classes declare it. */
const AWS_PROVIDER_METADATA = { providerName: 'aws', providerVersion: '6.25.0', providerVersionConstraint: '~> 6.0' };

export class LeanResource extends TerraformResource {
  private readonly attributes: Record<string, unknown>;

  constructor(scope: Construct, id: string, type: string, attributes: Record<string, unknown>, dependsOn?: ITerraformDependable[]) {
    super(scope, id, { terraformResourceType: type, terraformGeneratorMetadata: AWS_PROVIDER_METADATA, dependsOn });
    this.attributes = withoutUndefined(attributes) as Record<string, unknown>;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return this.attributes;
  }

  /** `${<type>.<name>.<attribute>}`. */
  stringAttribute(name: string): string {
    return this.getStringAttribute(name);
  }
}

/** Drops undefined values, recursively, as cdktf would when resolving. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
  return out;
}
