// Public API of `prospect diff`: git revisions, spec diff, terraform diff, risks, the command core.
export { GitError, locateRepo, readSpecRevision, readWorkingTree, resolveCommit, WORKING_TREE } from './git-revision';
export type { RepoLocation, SpecFile, SpecRevision } from './git-revision';
export { diffSpecs, fieldChanges, specDocuments } from './spec-diff';
export type { PossibleRename, SpecDiff, SpecDocument } from './spec-diff';
export { diffTerraform } from './terraform-diff';
export type { TerraformDiff, TerraformDiffOptions, TerraformJson } from './terraform-diff';
export { FORCE_NEW_ATTRIBUTES, forceNewAttribute } from './force-new';
export { newlyAllowed, SPEC_RISK_RULES, specRisks } from './spec-risks';
export type { SpecRiskContext } from './spec-risks';
export { buildDiffReport, runDiff } from './diff-command';
export type { DiffArgs, DiffResult, InvalidSide, Synthesize } from './diff-command';
export { synthesizeEnvironment } from './synthesize';
