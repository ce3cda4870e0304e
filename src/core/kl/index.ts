/**
 * KL snippets: a small language for divergences in notes (```kl blocks, inline `kl(…)` spans,
 * D_{KL}(P\|Q) in math), evaluated for hovers, diagnostics, the preview card and the CLI.
 */
export { analyzeNote, type KlAnalysis, type KlBlockResult, type KlStatementResult } from './analyze';
export { klCardForFence, renderKlCardHtml } from './card';
export { evaluateForCli, type KlCliFailure, type KlCliResult, type KlCliSuccess } from './cliEval';
export { defaultKlOptions, type KlOptions } from './context';
export { hoverAt, type KlHover } from './hover';
export { findSnippets, type KlBlockSnippet, type KlInlineSnippet, type KlSnippets } from './snippets';
export { BUILTINS } from './builtins';
