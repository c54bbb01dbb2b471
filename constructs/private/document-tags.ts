// Tags from a spec document: its metadata.labels plus prospect:kind and prospect:name, applied
// by an aspect to every taggable resource created under the document's construct.

import { IConstruct } from 'constructs';
import { Aspects, IAspect, TerraformResource } from 'cdktf';
import type { Doc } from '../../specs/model';

export function documentTags(doc: Doc): Record<string, string> {
  const tags: Record<string, string> = { ...(doc.metadata.labels ?? {}), 'prospect:kind': doc.kind, 'prospect:name': doc.metadata.name };
  return Object.fromEntries(Object.keys(tags).sort().map((k) => [k, tags[k]]));
}

class TagDocumentResources implements IAspect {
  constructor(private readonly tags: Record<string, string>) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !('tagsInput' in node)) return;
    const taggable = node as TerraformResource & { tags: Record<string, string>; tagsInput?: Record<string, string> };
    const merged = { ...(taggable.tagsInput ?? {}), ...this.tags };
    taggable.tags = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
  }
}

export function tagDocumentResources(scope: IConstruct, doc: Doc): void {
  Aspects.of(scope).add(new TagDocumentResources(documentTags(doc)));
}
