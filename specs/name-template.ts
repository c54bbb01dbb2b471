// Export file names from `nameTemplate` macros (SPEC-FORMAT.md): parsing for the validator,
// rendering for the export handler.

export const DEFAULT_NAME_TEMPLATE = '%DESTINATION_NAME%_%AUDIENCE_NAME%_%DATETIME(YYYYMMdd_HHmmss)%';

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string; readonly offset: number }
  | { readonly kind: 'macro'; readonly name: 'DESTINATION_NAME' | 'AUDIENCE_NAME' | 'AUDIENCE_ID' | 'TIMESTAMP'; readonly offset: number }
  | { readonly kind: 'datetime'; readonly pattern: string; readonly offset: number };

export interface TemplateProblem {
  readonly message: string;
  readonly offset: number;
}

const SIMPLE = ['DESTINATION_NAME', 'AUDIENCE_NAME', 'AUDIENCE_ID', 'TIMESTAMP'] as const;
const DATETIME_TOKENS = /YYYY|yyyy|MM|dd|DD|HH|mm|ss|SSS/g;

export function parseNameTemplate(template: string): { parts: TemplatePart[]; problems: TemplateProblem[] } {
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('%', i);
    if (start < 0) {
      parts.push({ kind: 'text', text: template.slice(i), offset: i });
      break;
    }
    if (start > i) parts.push({ kind: 'text', text: template.slice(i, start), offset: i });
    const end = template.indexOf('%', start + 1);
    if (end < 0) {
      problems.push({ message: `unclosed macro starting at "${template.slice(start)}": macros are written %NAME%`, offset: start });
      break;
    }
    const body = template.slice(start + 1, end);
    const dt = /^DATETIME\((.+)\)$/.exec(body);
    if ((SIMPLE as readonly string[]).includes(body)) parts.push({ kind: 'macro', name: body as (typeof SIMPLE)[number], offset: start });
    else if (dt) {
      const rest = dt[1].replace(DATETIME_TOKENS, '');
      if (/[A-Za-z]/.test(rest)) problems.push({ message: `%DATETIME(${dt[1]})% has an unknown pattern letter: use YYYY, MM, dd, HH, mm, ss, SSS and separators`, offset: start });
      else parts.push({ kind: 'datetime', pattern: dt[1], offset: start });
    } else {
      problems.push({
        message: `unknown macro "%${body}%": use %DESTINATION_NAME%, %AUDIENCE_NAME%, %AUDIENCE_ID%, %DATETIME(YYYYMMdd_HHmmss)% or %TIMESTAMP%`,
        offset: start,
      });
    }
    i = end + 1;
  }
  const literal = parts.filter((p) => p.kind === 'text').map((p) => (p as { text: string }).text).join('');
  if (template.startsWith('/') || template.startsWith('\\')) problems.push({ message: 'file names must be relative: remove the leading slash', offset: 0 });
  if (/(^|[/\\])\.\.([/\\]|$)/.test(literal) || literal.includes('..')) problems.push({ message: '".." would leave the destination\'s prefix or path: remove it', offset: Math.max(0, template.indexOf('..')) });
  if (literal.includes('\\')) problems.push({ message: 'backslashes are not allowed in file names', offset: template.indexOf('\\') });
  return { parts, problems };
}

export interface NameValues {
  readonly destinationName: string;
  readonly audienceName: string;
  readonly audienceId: string;
  /** The run time, in UTC. */
  readonly time: Date;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function formatDate(pattern: string, t: Date): string {
  return pattern.replace(DATETIME_TOKENS, (tok) => {
    switch (tok) {
      case 'YYYY':
      case 'yyyy':
        return String(t.getUTCFullYear());
      case 'MM':
        return pad(t.getUTCMonth() + 1);
      case 'dd':
      case 'DD':
        return pad(t.getUTCDate());
      case 'HH':
        return pad(t.getUTCHours());
      case 'mm':
        return pad(t.getUTCMinutes());
      case 'ss':
        return pad(t.getUTCSeconds());
      default:
        return pad(t.getUTCMilliseconds(), 3);
    }
  });
}

/** Names may only hold characters safe on S3 and SFTP; anything else from a value becomes `_`. */
function safe(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, '_').replace(/\.\.+/g, '_');
}

/** Renders a template (already validated); the result never contains `..` or a leading slash. */
export function renderNameTemplate(template: string, v: NameValues): string {
  const { parts, problems } = parseNameTemplate(template);
  if (problems.length) throw new Error(`invalid nameTemplate "${template}": ${problems[0].message}`);
  const out = parts
    .map((p) => {
      if (p.kind === 'text') return p.text;
      if (p.kind === 'datetime') return formatDate(p.pattern, v.time);
      switch (p.name) {
        case 'DESTINATION_NAME':
          return safe(v.destinationName);
        case 'AUDIENCE_NAME':
          return safe(v.audienceName);
        case 'AUDIENCE_ID':
          return safe(v.audienceId);
        default:
          return String(Math.floor(v.time.getTime() / 1000));
      }
    })
    .join('');
  const segments = out.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  return segments.join('/');
}
