// Public API of the review side: the change report, its sources and its renderers.
export * from './report';
export { parsePlan, normalizeActions } from './plan';
export { PlanFormatError } from './plan-format-error';
export { attributeChanges, renderPath, sameValue } from './attribute-changes';
export type { ChangeSides, PathSegment } from './attribute-changes';
export { describeActionReason } from './action-reasons';
export { resourceRisks, STATEFUL_TYPES, PERMISSION_TYPES, isPermissionType } from './resource-risks';
export { renderMarkdown, renderText, renderJson, esc, GITHUB_COMMENT_LIMIT } from './render';
export type { MarkdownOptions } from './render';
export { runPlanReport, REPORT_FORMATS } from './cli-plan-report';
export type { ReportFormat, PlanReportArgs, PlanReportResult } from './cli-plan-report';
