// The library API of sdkgen. Nothing else is exported.
export { generate, type GenerateOptions, type GenerateResult, type Stage } from './pipeline.js';
export { SpecError, InternalError, UsageError, type Diagnostic, type SourceLocation } from './diagnostics/diagnostic.js';
export { renderDiagnostic } from './diagnostics/render.js';
export { diffSpecs } from './diff/diff-specs.js';
export { renderDiff } from './diff/render-diff.js';
