// Compiles a type-checked audience rule to a SQL boolean expression that DuckDB and Athena (Trino)
// both accept and agree on. Choices made for that common subset:
// - Two-valued logic: every predicate is wrapped as coalesce(<predicate>, false), so NULL (missing)
//   makes it false and NOT / AND / OR then never see NULL.
// - `contains`: strpos(col, 'x') > 0 (strpos exists in both). `startsWith`: substr(col, 1, n) = 'x';
//   `endsWith`: substr(col, -n) = 'x', with n the literal's length in code points (substr counts code
//   points in both engines). When the column is shorter than n, DuckDB returns the whole column and
//   Trino returns '', neither equals 'x', so both say false. starts_with() / ends_with() are not
//   used: their availability across Trino and Athena engine versions was not verified, substr's is.
//   An empty literal ("") matches every present value and compiles to `col IS NOT NULL`.
// - `!=` is written `<>`. Literals: strings in single quotes ('' doubles a quote; backslashes are
//   literal in both), DATE 'YYYY-MM-DD', TIMESTAMP 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC, numbers
//   as plain decimal text (DECIMAL in both engines, compared exactly with BIGINT and as DOUBLE with
//   DOUBLE), TRUE / FALSE.
// - Columns are named by the dotted field path and quoted as one identifier: "homeAddress.state".
//   Glue/Athena column names cannot hold dots or capitals; pass `column` to map paths to the names
//   of such a table.

import { FieldSpec } from '../specs/model';
import { Literal, PredicateNode, RuleNode } from './ast';
import { RuleProblem } from './problem';
import { checkRule } from './type-check';

export interface SqlOptions {
  /**
   * SQL expression for the column that holds a field.
   * @default - the dotted field path quoted as one identifier, e.g. "homeAddress.state"
   */
  readonly column?: (fieldPath: string) => string;
}

export interface SelectOptions extends SqlOptions {
  /**
   * Field paths to select.
   * @default - every column (`*`), also when the list is empty
   */
  readonly columns?: readonly string[];
}

/** A rule given to the compiler that does not type-check against the fields (a caller bug). */
export class AudienceCompileError extends Error {
  constructor(readonly problems: readonly RuleProblem[]) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super(`the audience rule cannot be compiled to SQL: ${problems[0].message}${more}`);
    this.name = 'AudienceCompileError';
  }
}

/** `"name"`, with embedded double quotes doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `'text'`, with embedded single quotes doubled. */
export function quoteString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A rule literal as SQL. */
export function sqlLiteral(v: Literal): string {
  switch (v.kind) {
    case 'string':
      return quoteString(v.value);
    case 'number':
      return v.text;
    case 'boolean':
      return v.value ? 'TRUE' : 'FALSE';
    case 'date':
      return `DATE '${v.value}'`;
    case 'datetime': {
      // utc is YYYY-MM-DDTHH:MM:SS.ffffff; drop trailing zero fraction digits.
      const [whole, fraction] = v.utc.split('.');
      const digits = fraction.replace(/0+$/, '');
      return `TIMESTAMP '${whole.replace('T', ' ')}${digits ? '.' + digits : ''}'`;
    }
  }
}

const SQL_COMPARISON: Readonly<Record<string, string>> = { '=': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/**
 * The rule as a SQL boolean expression, never NULL, over columns named by field path.
 * @throws AudienceCompileError when the rule does not type-check against `fields`
 */
export function compileToSql(rule: RuleNode, fields: Readonly<Record<string, FieldSpec>>, opts: SqlOptions = {}): string {
  const errors = checkRule(rule, fields).filter((p) => p.severity !== 'warning');
  if (errors.length > 0) throw new AudienceCompileError(errors);
  const column = opts.column ?? quoteIdentifier;
  const compile = (node: RuleNode): string => {
    switch (node.kind) {
      case 'and':
        return `(${node.operands.map(compile).join(' AND ')})`;
      case 'or':
        return `(${node.operands.map(compile).join(' OR ')})`;
      case 'not':
        return `(NOT ${compile(node.operand)})`;
      case 'group':
        return compile(node.inner);
      default:
        return predicate(node, column(node.field.path), fields[node.field.path]);
    }
  };
  return compile(rule);
}

function predicate(p: PredicateNode, col: string, spec: FieldSpec): string {
  const two = (expr: string): string => `coalesce(${expr}, false)`;
  switch (p.kind) {
    case 'compare':
      return two(`${col} ${SQL_COMPARISON[p.op]} ${sqlLiteral(p.value)}`);
    case 'in':
      return two(`${col} ${p.negated ? 'NOT IN' : 'IN'} (${p.values.map(sqlLiteral).join(', ')})`);
    case 'between':
      return two(`${col} BETWEEN ${sqlLiteral(p.low)} AND ${sqlLiteral(p.high)}`);
    case 'match': {
      const needle = p.value.kind === 'string' ? p.value.value : '';
      if (needle === '') return `(${col} IS NOT NULL)`;
      const lit = quoteString(needle);
      const n = [...needle].length; // code points
      if (p.op === 'contains') return two(`strpos(${col}, ${lit}) > 0`);
      if (p.op === 'startsWith') return two(`substr(${col}, 1, ${n}) = ${lit}`);
      return two(`substr(${col}, -${n}) = ${lit}`);
    }
    case 'exists':
      if (spec.type === 'string') return p.negated ? `(${col} IS NULL OR ${col} = '')` : `(${col} IS NOT NULL AND ${col} <> '')`;
      return p.negated ? `(${col} IS NULL)` : `(${col} IS NOT NULL)`;
  }
}

/**
 * `SELECT <columns> FROM <table> WHERE <rule>`. `table` may be qualified (`lake.profiles`): each
 * dot-separated part is quoted.
 * @throws AudienceCompileError when the rule does not type-check against `fields`
 */
export function audienceSelectSql(table: string, rule: RuleNode, fields: Readonly<Record<string, FieldSpec>>, opts: SelectOptions = {}): string {
  const where = compileToSql(rule, fields, opts);
  const column = opts.column ?? quoteIdentifier;
  const columns = opts.columns !== undefined && opts.columns.length > 0 ? opts.columns.map(column).join(', ') : '*';
  const from = table.split('.').map(quoteIdentifier).join('.');
  return `SELECT ${columns} FROM ${from} WHERE ${where}`;
}
