// Renders a ChangeReport: markdown for a pull-request comment, text for a terminal, json for
// machines. Every renderer is deterministic: the report is already sorted, nothing reads a clock.

import {
  AttributeChange,
  ChangeReport,
  ResourceChange,
  Risk,
  SENSITIVE_TEXT,
  ShownValue,
  SpecDocumentChange,
  UNKNOWN_TEXT,
  destroysObject,
  isChange,
  summaryLine,
} from './report';

/** GitHub's limit for the body of an issue or pull-request comment. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /**
   * Most characters (UTF-16 code units, so never fewer than GitHub counts) of the result. Past
   * it, the summary and the risks are kept and the details are cut, with a line that says so.
   * @default 65,536 (GitHub's comment limit)
   */
  readonly maxChars?: number;
  /** Longest value shown in a table cell; longer ones are cut with their full length given. @default 1000 */
  readonly maxValueChars?: number;
}

// ---------------------------------------------------------------- markdown

/** Markdown for a pull-request comment. */
export function renderMarkdown(report: ChangeReport, opts: MarkdownOptions = {}): string {
  const limit = opts.maxChars ?? GITHUB_COMMENT_LIMIT;
  const maxValue = opts.maxValueChars ?? 1000;
  const limitText = limit.toLocaleString('en-US');
  const changed = report.resources.filter(isChange);

  const head = [`**${esc(report.title)}:** ${summaryLine(report.counts)}`];
  for (const n of report.notes) head.push(`> **Note:** ${esc(n)}`);
  if (changed.length === 0) head.push(noChangesLine(report));
  const footer = `\n<sub>${esc(originLine(report))}</sub>\n`;

  const cut = (what: string, n: number, m: number, unit: string) =>
    `**${what} cut:** ${n} of ${m} ${unit} not shown because the comment limit is ${limitText} characters; the text and json formats show all of them.`;
  const destroyed = changed.filter((r) => destroysObject(r.action));
  const specs = report.specChanges ?? [];

  // In order of importance: what does not fit is cut from the end.
  const sections = [
    section(`### Risks (${report.risks.length})`, '', report.risks.map((r) => `- ${mdRisk(r)}`), '\n', (n, m) => cut('Risks', n, m, 'risks')),
    section(`### Destroyed or replaced (${destroyed.length})`, '', destroyed.map((r) => `- ${mdDestroy(r)}`), '\n', (n, m) =>
      cut('Destroy list', n, m, 'resources'),
    ),
    section(`### Resource changes (${changed.length})`, '', changed.map((r) => mdResource(r, maxValue)), '\n', (n, m) =>
      cut('Details', n, m, 'resources'),
    ),
    section(
      `### Output changes (${report.outputs.length})`,
      '| output | action | before | after |\n|---|---|---|---|\n',
      report.outputs.flatMap((o) =>
        o.attributes.map((a) => `| ${code(a.path)} | ${esc(o.action)} | ${mdValue(a.before, maxValue)} | ${mdValue(a.after, maxValue)} |`),
      ),
      '\n',
      (n, m) => cut('Output changes', n, m, 'rows'),
    ),
    section(
      `### Changed outside Terraform (${report.drift.length})`,
      'Terraform found these objects changed since the last apply; the changes above already take that into account.\n\n',
      report.drift.length ? [mdDrift(report)] : [],
      '\n',
      (n) => cut('Drift list', n, n, 'lists'),
    ),
    section(`### Spec changes (${specs.length})`, '', specs.map((d) => mdSpecDoc(d, maxValue)), '\n', (n, m) =>
      cut('Spec changes', n, m, 'documents'),
    ),
  ];
  return fit(head.join('\n\n') + '\n', sections, footer, limit);
}

interface Section {
  /** Heading, preamble and every item. */
  readonly full: string;
  /** Heading and the cut note alone: what is left when no item fits. */
  readonly minimal: string;
  /** The section with its first `room` characters of items, and a cut note. */
  readonly cutTo: (room: number) => string;
}

/** A section: heading, preamble, then items separated by `sep`; undefined when there are no items. */
function section(
  heading: string,
  preamble: string,
  items: readonly string[],
  sep: string,
  cutNote: (notShown: number, all: number) => string,
): Section | undefined {
  if (items.length === 0) return undefined;
  const open = `\n${heading}\n\n${preamble}`;
  const minimal = `\n${heading}\n\n${cutNote(items.length, items.length)}\n`;
  return {
    full: `${open}${items.join(sep)}\n`,
    minimal,
    cutTo(room) {
      // The note for fewer cut items is never longer than the note for all of them.
      const bodyRoom = room - open.length - (minimal.length - `\n${heading}\n\n`.length) - 2;
      let body = '';
      let shown = 0;
      for (const item of items) {
        const piece = (shown ? sep : '') + item;
        if (body.length + piece.length > bodyRoom) break;
        body += piece;
        shown++;
      }
      return shown ? `${open}${body}\n\n${cutNote(items.length - shown, items.length)}\n` : minimal;
    },
  };
}

/**
 * Head, sections in order, footer, within `limit` characters: a section that does not fit whole
 * keeps the items that fit and a cut note, with room kept for the cut notes of the sections after it.
 */
function fit(head: string, all: readonly (Section | undefined)[], footer: string, limit: number): string {
  const sections = all.filter((s): s is Section => s !== undefined);
  let used = head.length + footer.length;
  let pending = sections.reduce((n, s) => n + s.minimal.length, 0);
  const parts = [head];
  for (const s of sections) {
    pending -= s.minimal.length;
    const room = limit - used - pending;
    const text = s.full.length <= room ? s.full : s.cutTo(room);
    parts.push(text);
    used += text.length;
  }
  parts.push(footer);
  return parts.join('');
}

/** Drift, collapsed: it explains the plan but needs no review. */
function mdDrift(report: ChangeReport): string {
  const n = report.drift.length;
  const items = report.drift.map((d) => `- ${code(d.address)} ${esc(driftWord(d.action))}`);
  return `<details><summary>${n} object${n === 1 ? '' : 's'}</summary>\n\n${items.join('\n')}\n\n</details>`;
}

function driftWord(action: string): string {
  return action === 'update' ? 'changed' : action === 'delete' ? 'deleted' : action === 'create' ? 'created' : action;
}

function mdRisk(r: Risk): string {
  const sev = r.severity === 'high' ? '**high**' : 'medium';
  const subject = r.address ? ` ${code(r.address)}` : r.document ? ` ${code(r.document)}` : '';
  return `${sev} · ${esc(r.category)} ·${subject}: ${esc(r.message)}`;
}

function mdDestroy(r: ResourceChange): string {
  return `${code(r.address)}${r.deposed ? ` (deposed object ${code(r.deposed)})` : ''} ${esc(destroyPhrase(r))}`;
}

function destroyPhrase(r: ResourceChange): string {
  if (r.action === 'delete') return r.reason ? `destroyed: ${r.reason}` : 'destroyed';
  const order = r.replaceOrder === 'create-first' ? 'new object created first, then the old one destroyed' : 'destroyed, then created again';
  const why = r.replaceReasons.length ? `: ${r.replaceReasons.join('; ')}` : '';
  return `replaced (${order})${why}`;
}

function mdResource(r: ResourceChange, maxValue: number): string {
  const n = r.attributes.length;
  const forced = r.attributes.filter((a) => a.forcesReplacement).length;
  let summary = `${esc(r.action)} ${code(r.address)}`;
  summary += n ? ` · ${n} attribute${n === 1 ? '' : 's'}` : '';
  if (forced) summary += ` · ${forced} forcing replacement`;
  const lines: string[] = [];
  for (const fact of resourceFacts(r)) lines.push(`${esc(fact)}\n`);
  if (n === 0) {
    lines.push('No attribute values to show.\n');
  } else if (r.action === 'create' || r.action === 'read') {
    lines.push('| attribute | value |\n|---|---|');
    for (const a of r.attributes) lines.push(`| ${mdPath(a)} | ${mdValue(a.after, maxValue)} |`);
  } else if (r.action === 'delete') {
    lines.push('| attribute | value before |\n|---|---|');
    for (const a of r.attributes) lines.push(`| ${mdPath(a)} | ${mdValue(a.before, maxValue)} |`);
  } else {
    lines.push('| attribute | before | after |\n|---|---|---|');
    for (const a of r.attributes) lines.push(`| ${mdPath(a)} | ${mdValue(a.before, maxValue)} | ${mdValue(a.after, maxValue)} |`);
  }
  return `<details><summary>${summary}</summary>\n\n${lines.join('\n')}\n\n</details>`;
}

/** Facts about a resource shown above its attributes. */
function resourceFacts(r: ResourceChange): string[] {
  const facts: string[] = [];
  if (r.action === 'replace') facts.push(capitalize(destroyPhrase(r)) + '.');
  else if (r.reason) facts.push(`Reason: ${r.reason}.`);
  if (r.deposed) facts.push(`This is deposed object ${r.deposed}.`);
  if (r.previousAddress) facts.push(`Moved from ${r.previousAddress}.`);
  if (r.importingId !== undefined) facts.push(r.importingId ? `Imported (id ${r.importingId}).` : 'Imported.');
  return facts;
}

function mdPath(a: AttributeChange): string {
  return code(a.path) + (a.forcesReplacement ? ' <b>forces replacement</b>' : '');
}

function mdValue(v: ShownValue, maxValue: number): string {
  if (v.kind === 'sensitive') return esc(SENSITIVE_TEXT);
  if (v.kind === 'unknown') return esc(UNKNOWN_TEXT);
  const s = JSON.stringify(v.value);
  if (s.length <= maxValue) return code(s);
  return `${code(s.slice(0, maxValue) + '…')} (${s.length.toLocaleString('en-US')} characters in all)`;
}

function mdSpecDoc(d: SpecDocumentChange, maxValue: number): string {
  const where = d.file ? ` in ${code(d.file)}` : '';
  const title = `${d.change} ${esc(d.kind)} ${code(d.name)}${where}`;
  if (d.fields.length === 0) return `- ${title}`;
  const rows = d.fields.map((f) => `| ${code(f.path)} | ${mdValue(f.before, maxValue)} | ${mdValue(f.after, maxValue)} |`);
  const n = d.fields.length;
  return `<details><summary>${title} · ${n} field${n === 1 ? '' : 's'}</summary>\n\n| field | before | after |\n|---|---|---|\n${rows.join('\n')}\n\n</details>`;
}

function noChangesLine(report: ChangeReport): string {
  return report.outputs.length || report.specChanges?.length
    ? 'No resource changes.'
    : 'No changes: the infrastructure matches the configuration.';
}

function originLine(report: ChangeReport): string {
  const o = report.origin;
  if (o.kind === 'terraform-plan') {
    const parts = ['prospect plan-report'];
    if (o.file) parts.push(o.file);
    parts.push(`plan format ${o.formatVersion}`);
    if (o.terraformVersion) parts.push(`Terraform ${o.terraformVersion}`);
    return parts.join(' · ');
  }
  return ['prospect diff', `${o.base}..${o.head}`, ...(o.env ? [`environment ${o.env}`] : [])].join(' · ');
}

/** Inline code that shows any text literally (markdown and HTML escaped). */
function code(s: string): string {
  return `<code>${esc(s)}</code>`;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\\': '&#92;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '|': '&#124;',
  '~': '&#126;',
  '@': '&#64;',
  '#': '&#35;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Text that GitHub shows literally: HTML and markdown characters as entities, so no value can
 * open a tag, break a table, start emphasis or a link, mention a user (@) or link an issue (#).
 * To keep the source readable, `_` inside a word (which never starts emphasis) and brackets
 * that cannot form a link are left as they are.
 */
export function esc(s: string): string {
  const linkable = /\]\s*[([]/.test(s);
  return s.replace(/[&<>\\`*_[\]|~@#\r\n]/g, (c, i: number) => {
    if (c === '_' && isWordChar(s.charAt(i - 1)) && isWordChar(s.charAt(i + 1))) return c;
    if ((c === '[' || c === ']') && !linkable) return c;
    return ENTITIES[c];
  });
}

function isWordChar(c: string): boolean {
  return /^[A-Za-z0-9]$/.test(c);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------- text

const SIGNS: Readonly<Record<string, string>> = { create: '+', update: '~', delete: '-', replace: '-/+', read: '<=' };

/** Plain text for a terminal: everything, nothing cut. */
export function renderText(report: ChangeReport): string {
  const lines: string[] = [`${report.title}: ${summaryLine(report.counts)}`];
  for (const n of report.notes) lines.push(`Note: ${n}`);
  const changed = report.resources.filter(isChange);
  if (changed.length === 0) lines.push(noChangesLine(report));
  if (report.risks.length) {
    lines.push('', `Risks (${report.risks.length}):`);
    for (const r of report.risks) {
      const subject = r.address ?? r.document;
      lines.push(`  ${r.severity.toUpperCase().padEnd(6)}  ${r.category.padEnd(9)}  ${subject ? subject + ': ' : ''}${r.message}`);
    }
  }
  const destroyed = changed.filter((r) => destroysObject(r.action));
  if (destroyed.length) {
    lines.push('', `Destroyed or replaced (${destroyed.length}):`);
    for (const r of destroyed) lines.push(`  ${r.address}${r.deposed ? ` (deposed object ${r.deposed})` : ''} ${destroyPhrase(r)}`);
  }
  if (changed.length) {
    lines.push('', `Resource changes (${changed.length}):`);
    for (const r of changed) {
      lines.push(`  ${(SIGNS[r.action] ?? '?').padEnd(3)} ${r.address}  (${r.action})`);
      for (const fact of resourceFacts(r)) lines.push(`        ${fact}`);
      for (const a of r.attributes) lines.push(`        ${textAttribute(r.action, a)}`);
    }
  }
  if (report.outputs.length) {
    lines.push('', `Output changes (${report.outputs.length}):`);
    for (const o of report.outputs) {
      for (const a of o.attributes) lines.push(`  ${(SIGNS[o.action] ?? '?').padEnd(3)} ${a.path}: ${textValue(a.before)} -> ${textValue(a.after)}`);
    }
  }
  if (report.drift.length) {
    lines.push('', `Changed outside Terraform (${report.drift.length}):`);
    for (const d of report.drift) lines.push(`  ${d.address} ${driftWord(d.action)}`);
  }
  const specs = report.specChanges ?? [];
  if (specs.length) {
    lines.push('', `Spec changes (${specs.length}):`);
    for (const d of specs) {
      lines.push(`  ${d.change} ${d.kind} ${d.name}${d.file ? ` (${d.file})` : ''}`);
      for (const f of d.fields) lines.push(`        ${f.path}: ${textValue(f.before)} -> ${textValue(f.after)}`);
    }
  }
  // Control characters (from for_each keys, say) are shown escaped, never sent to the terminal.
  return lines.map(noControl).join('\n') + '\n';
}

function noControl(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function textAttribute(action: string, a: AttributeChange): string {
  const forced = a.forcesReplacement ? '  # forces replacement' : '';
  if (action === 'create' || action === 'read') return `${a.path} = ${textValue(a.after)}${forced}`;
  if (action === 'delete') return `${a.path} = ${textValue(a.before)}${forced}`;
  return `${a.path}: ${textValue(a.before)} -> ${textValue(a.after)}${forced}`;
}

function textValue(v: ShownValue): string {
  if (v.kind === 'sensitive') return SENSITIVE_TEXT;
  if (v.kind === 'unknown') return UNKNOWN_TEXT;
  return JSON.stringify(v.value);
}

// ---------------------------------------------------------------- json

/** The report as JSON, with `reportVersion` so consumers can tell formats apart. */
export function renderJson(report: ChangeReport): string {
  return JSON.stringify({ reportVersion: 1, ...report }, null, 2) + '\n';
}
