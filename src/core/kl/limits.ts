/**
 * Bounds that keep evaluation inside the extension host's budget (issue: "expressions up to 100k
 * characters and vectors up to 10^6 entries evaluate without freezing; beyond that a clear error").
 */
export const MAX_STATEMENT_CHARS = 100_000;
export const MAX_VECTOR_LENGTH = 1_000_000;
/** Deepest bracket/operator nesting the recursive-descent parser follows. */
export const MAX_NESTING = 64;
/**
 * Total entries a whole note may create or visit while evaluating (each vector costs its length).
 * Enough for a few dozen million-entry vectors, small enough that a note stays under a second.
 */
export const MAX_WORK_PER_NOTE = 40_000_000;
/** Sums of probabilities may be off 1 by this much before we warn (issue: "more than 1e-9"). */
export const NORMALIZATION_TOLERANCE = 1e-9;
