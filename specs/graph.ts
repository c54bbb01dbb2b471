// Lineage of a spec set: source -> dataset -> audience -> activation -> destination.

import type { SpecSet } from './model';

export interface LineageNode {
  readonly id: string;
  readonly kind: 'Source' | 'Dataset' | 'Audience' | 'Activation' | 'Destination';
  readonly name: string;
  readonly detail: string;
}

export interface Lineage {
  readonly nodes: LineageNode[];
  readonly edges: { readonly from: string; readonly to: string }[];
}

const nodeId = (kind: string, name: string): string => `${kind.toLowerCase()}_${name.replace(/[^a-z0-9]/g, '_')}`;

export function lineage(specs: SpecSet): Lineage {
  const nodes: LineageNode[] = [];
  const edges: { from: string; to: string }[] = [];
  const sorted = <T>(m: ReadonlyMap<string, T>): [string, T][] => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const has = (kind: keyof SpecSet['byKind'], name: string): boolean => specs.byKind[kind].has(name);
  for (const [n, d] of sorted(specs.byKind.Source)) nodes.push({ id: nodeId('Source', n), kind: 'Source', name: n, detail: `${d.spec.type} ${d.spec.format.type}` });
  for (const [n, d] of sorted(specs.byKind.Dataset)) nodes.push({ id: nodeId('Dataset', n), kind: 'Dataset', name: n, detail: `expires after ${d.spec.expiration.afterDays} days` });
  for (const [n, d] of sorted(specs.byKind.Audience)) nodes.push({ id: nodeId('Audience', n), kind: 'Audience', name: n, detail: d.spec.schedule });
  for (const [n, d] of sorted(specs.byKind.Activation)) nodes.push({ id: nodeId('Activation', n), kind: 'Activation', name: n, detail: `${d.spec.schedule.frequency}${d.spec.schedule.trigger === 'after-segmentation' ? ', after segmentation' : ''}` });
  for (const [n, d] of sorted(specs.byKind.Destination)) nodes.push({ id: nodeId('Destination', n), kind: 'Destination', name: n, detail: `${d.spec.type} ${d.spec.file.format}` });
  for (const [n, d] of sorted(specs.byKind.Source)) if (has('Dataset', d.spec.dataset)) edges.push({ from: nodeId('Source', n), to: nodeId('Dataset', d.spec.dataset) });
  for (const [n, d] of sorted(specs.byKind.Audience)) if (has('Dataset', d.spec.dataset)) edges.push({ from: nodeId('Dataset', d.spec.dataset), to: nodeId('Audience', n) });
  for (const [n, d] of sorted(specs.byKind.Activation)) {
    for (const a of [...d.spec.audiences].sort()) if (has('Audience', a)) edges.push({ from: nodeId('Audience', a), to: nodeId('Activation', n) });
    if (has('Destination', d.spec.destination)) edges.push({ from: nodeId('Activation', n), to: nodeId('Destination', d.spec.destination) });
  }
  return { nodes, edges };
}

const SHAPES: Record<LineageNode['kind'], [string, string]> = {
  Source: ['[/', '/]'],
  Dataset: ['[(', ')]'],
  Audience: ['([', '])'],
  Activation: ['[', ']'],
  Destination: ['[\\', '\\]'],
};

export function toMermaid(g: Lineage): string {
  const esc = (s: string): string => s.replace(/"/g, '#quot;');
  const lines = ['flowchart LR'];
  for (const n of g.nodes) {
    const [open, close] = SHAPES[n.kind];
    lines.push(`  ${n.id}${open}"${esc(`${n.kind}: ${n.name}`)}<br/><small>${esc(n.detail)}</small>"${close}`);
  }
  for (const e of g.edges) lines.push(`  ${e.from} --> ${e.to}`);
  return lines.join('\n') + '\n';
}

const DOT_SHAPES: Record<LineageNode['kind'], string> = { Source: 'parallelogram', Dataset: 'cylinder', Audience: 'ellipse', Activation: 'box', Destination: 'house' };

export function toDot(g: Lineage): string {
  const q = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
  const lines = ['digraph lineage {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const n of g.nodes) lines.push(`  ${n.id} [shape=${DOT_SHAPES[n.kind]}, label=${q(`${n.kind}: ${n.name}\n${n.detail}`)}];`);
  for (const e of g.edges) lines.push(`  ${e.from} -> ${e.to};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}
