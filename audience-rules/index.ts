// The audience rule language: parse, type-check, evaluate, compile to SQL.
export * from './ast';
export * from './problem';
export { parseRule, MAX_NESTING } from './parser';
export type { ParseResult } from './parser';
export { checkRule } from './type-check';
export { fieldsUsed } from './fields';
export { evaluate } from './evaluate';
export type { Profile } from './evaluate';
export { compileToSql, audienceSelectSql, AudienceCompileError, quoteIdentifier, quoteString, sqlLiteral } from './sql';
export type { SqlOptions, SelectOptions } from './sql';
export { formatRule, formatLiteral } from './format';
