/**
 * One parse of the front matter into a small value model with ORIGINAL offsets on every node, so
 * every rule, fix, hover and completion works from the same data (no re-parsing per rule).
 * YAML is parsed with the `yaml` package configured like js-yaml 4 (YAML 1.2 core schema, unique
 * keys), after Hexo's own tab expansion; JSON (`;;;`) blocks are checked with JSON.parse, as Hexo does.
 */
import type { Scalar } from 'yaml';
import { yamlLibrary } from '../libraries';
import type { Node as YamlNode } from 'yaml';
import { OffsetMap } from './offsetMap';
import { splitFrontMatter } from './split';
import type { FrontMatterBlock, SplitResult } from './split';

// js-yaml 4 `timestamp` type (lib/type/timestamp.js): only these plain scalars become Dates.
const yamlDateOnly = /^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$/;
const yamlTimestamp =
  /^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$/;

export function isYamlTimestamp(source: string): boolean {
  return yamlDateOnly.test(source) || yamlTimestamp.test(source);
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'block';

interface ValueBase {
  /** Original offsets of the value as written (quotes included). */
  start: number;
  end: number;
}

export interface ScalarValue extends ValueBase {
  kind: 'scalar';
  /** What js-yaml gives Hexo (timestamps: the source string; see `timestamp`). */
  value: string | number | boolean | null;
  /** The text between start and end, as written. */
  source: string;
  style: ScalarStyle;
  /** A plain scalar js-yaml turns into a Date. */
  timestamp: boolean;
}

export interface ListValue extends ValueBase {
  kind: 'list';
  items: FrontMatterValue[];
  flow: boolean;
}

export interface MapValue extends ValueBase {
  kind: 'map';
  entries: FrontMatterEntry[];
  flow: boolean;
}

export interface OtherValue extends ValueBase {
  kind: 'other';
}

export type FrontMatterValue = ScalarValue | ListValue | MapValue | OtherValue;

export interface FrontMatterEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** undefined for `key:` with nothing after it (YAML null). */
  value: FrontMatterValue | undefined;
  /** Where a value would be inserted when it is missing (right after the colon). */
  afterColon: number;
}

export interface SyntaxProblem {
  start: number;
  end: number;
  /** The yaml package's error code (BAD_INDENT, DUPLICATE_KEY...) or `JSON`. */
  code: string;
  message: string;
}

export interface ParsedFrontMatter {
  text: string;
  split: SplitResult;
  block: FrontMatterBlock | undefined;
  /**
   * mapping: usable; syntax-error: Hexo drops the post (entries may be partial);
   * not-mapping: a list or scalar (Hexo ignores or misreads it); empty: only comments/blank (ignored);
   * none: no block at all.
   */
  status: 'mapping' | 'syntax-error' | 'not-mapping' | 'empty' | 'none';
  entries: FrontMatterEntry[];
  syntaxProblems: SyntaxProblem[];
  /** Root node range (not-mapping) for a diagnostic. */
  rootStart: number;
  rootEnd: number;
}

export function entryNamed(parsed: ParsedFrontMatter, key: string): FrontMatterEntry | undefined {
  return parsed.entries.find((entry) => entry.key === key);
}

type ToOriginal = (offset: number) => number;

export function parseFrontMatter(text: string): ParsedFrontMatter {
  const split = splitFrontMatter(text);
  const block = split.block;
  const result: ParsedFrontMatter = { text, split, block, status: 'none', entries: [], syntaxProblems: [], rootStart: 0, rootEnd: 0 };
  if (!block) return result;
  result.rootStart = block.dataStart;
  result.rootEnd = block.dataEnd;
  if (block.language === 'json') return parseJsonBlock(result, block);

  // hexo-front-matter `escapeYAML`: each tab at the start of a line (after a newline) becomes two spaces.
  const expanded = block.data.includes('\t') ? OffsetMap.replaceAll(block.data, /(?<=\n\t*)\t/g, () => '  ') : { text: block.data, map: OffsetMap.identity() };
  const toOriginal: ToOriginal = (offset) => block.dataToOriginal(expanded.map.toOriginal(offset));
  const document = parseYaml(expanded.text);
  if (document.errors.some((error) => error.code === 'MISSING_CHAR')) {
    // js-yaml 4 lets a quoted value continue on lines that are not indented; the yaml package does
    // not. Indent those lines and parse again, so we do not claim Hexo drops a post it accepts.
    const relaxed = indentQuotedContinuations(expanded.text);
    const retried = relaxed && parseYaml(relaxed.text);
    if (relaxed && retried && retried.errors.length === 0) {
      return fillFromYaml(result, relaxed.text, (offset) => toOriginal(relaxed.map.toOriginal(offset)), retried);
    }
  }
  return fillFromYaml(result, expanded.text, toOriginal, document);
}

function parseYaml(source: string) {
  return yamlLibrary().parseDocument(source, { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false });
}

/**
 * For each block value that opens a quote without closing it on its line, indent the following
 * lines up to the closing quote (js-yaml's reading). Undefined when there is nothing to indent.
 */
export function indentQuotedContinuations(source: string): { text: string; map: OffsetMap } | undefined {
  const insertions: Array<{ at: number; text: string }> = [];
  const opening = /^( *)(?:- +)*(?:(?:[^\s#"'\-?:][^\n]*?|"[^"\n]*"|'[^'\n]*'):[ \t]+)?(["'])/;
  let lineStart = 0;
  while (lineStart < source.length) {
    const lineEnd = source.indexOf('\n', lineStart) === -1 ? source.length : source.indexOf('\n', lineStart);
    const match = opening.exec(source.slice(lineStart, lineEnd));
    let next = lineEnd + 1;
    if (match) {
      const quote = match[2];
      const close = closingQuote(source, lineStart + match[0].length, quote);
      if (close > lineEnd) {
        const indent = ' '.repeat(match[1].length + 2);
        for (let at = lineEnd + 1; at <= close && at < source.length; at = source.indexOf('\n', at) + 1 || source.length) insertions.push({ at, text: indent });
        next = source.indexOf('\n', close) === -1 ? source.length : source.indexOf('\n', close) + 1;
      }
    }
    lineStart = next;
  }
  return insertions.length > 0 ? OffsetMap.insert(source, insertions) : undefined;
}

/** Offset of the quote that closes a scalar opened just before `from` (or Infinity). */
function closingQuote(source: string, from: number, quote: string): number {
  for (let index = from; index < source.length; index++) {
    const char = source[index];
    if (quote === '"' && char === '\\') index++;
    else if (char === quote) {
      if (quote === "'" && source[index + 1] === "'") index++;
      else return index;
    }
  }
  return Infinity;
}

function fillFromYaml(result: ParsedFrontMatter, source: string, toOriginal: ToOriginal, document = parseYaml(source)): ParsedFrontMatter {
  for (const error of document.errors) {
    const [start, end] = error.pos;
    result.syntaxProblems.push({ start: toOriginal(start), end: toOriginal(Math.max(end, start)), code: error.code, message: error.message });
  }
  const root = document.contents;
  if (yamlLibrary().isMap(root)) {
    result.entries = mapEntries(root.items, source, toOriginal);
    result.status = result.syntaxProblems.length > 0 ? 'syntax-error' : 'mapping';
  } else if (root === null || root === undefined || (yamlLibrary().isScalar(root) && root.value === null && result.syntaxProblems.length === 0)) {
    result.status = result.syntaxProblems.length > 0 ? 'syntax-error' : 'empty';
  } else {
    result.status = result.syntaxProblems.length > 0 ? 'syntax-error' : 'not-mapping';
    if (root.range) {
      result.rootStart = toOriginal(root.range[0]);
      result.rootEnd = toOriginal(root.range[1]);
    }
  }
  return result;
}

function mapEntries(items: unknown[], source: string, toOriginal: ToOriginal): FrontMatterEntry[] {
  const entries: FrontMatterEntry[] = [];
  for (const pair of items) {
    if (!yamlLibrary().isPair(pair)) continue;
    const keyNode = pair.key as YamlNode | null;
    if (!keyNode || !keyNode.range) continue;
    const key = yamlLibrary().isScalar(keyNode) ? String(keyNode.value) : source.slice(keyNode.range[0], keyNode.range[1]);
    const valueNode = pair.value as YamlNode | null;
    const value = valueNode && valueNode.range && !isEmptyScalar(valueNode) ? toValue(valueNode, source, toOriginal) : undefined;
    const colon = source.indexOf(':', keyNode.range[1]);
    const afterColon = colon === -1 ? keyNode.range[1] : colon + 1;
    entries.push({ key, keyStart: toOriginal(keyNode.range[0]), keyEnd: toOriginal(keyNode.range[1]), value, afterColon: toOriginal(afterColon) });
  }
  return entries;
}

/** `key:` with nothing after it: the yaml package gives an empty null scalar. */
function isEmptyScalar(node: YamlNode): boolean {
  return yamlLibrary().isScalar(node) && node.value === null && node.range![0] === node.range![1];
}

function toValue(node: YamlNode, source: string, toOriginal: ToOriginal): FrontMatterValue {
  const [rangeStart, rangeEnd] = node.range!;
  const start = toOriginal(rangeStart);
  const end = toOriginal(rangeEnd);
  if (yamlLibrary().isScalar(node)) {
    const written = source.slice(rangeStart, rangeEnd);
    const style = scalarStyle(node);
    const explicitTag = node.tag !== undefined && written.trimStart().startsWith('!');
    const timestamp = style === 'plain' && !explicitTag && isYamlTimestamp(written);
    const raw = node.value;
    const value = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' || raw === null ? raw : String(raw);
    return { kind: 'scalar', value, source: written, style, timestamp, start, end };
  }
  if (yamlLibrary().isSeq(node)) {
    const items = node.items.map((item) => (item && (item as YamlNode).range ? toValue(item as YamlNode, source, toOriginal) : emptyScalar(start)));
    return { kind: 'list', items, flow: Boolean(node.flow), start, end };
  }
  if (yamlLibrary().isMap(node)) {
    return { kind: 'map', entries: mapEntries(node.items, source, toOriginal), flow: Boolean(node.flow), start, end };
  }
  if (yamlLibrary().isAlias(node)) return { kind: 'other', start, end };
  return { kind: 'other', start, end };
}

function emptyScalar(at: number): ScalarValue {
  return { kind: 'scalar', value: null, source: '', style: 'plain', timestamp: false, start: at, end: at };
}

function scalarStyle(node: Scalar): ScalarStyle {
  switch (node.type) {
    case 'QUOTE_SINGLE':
      return 'single';
    case 'QUOTE_DOUBLE':
      return 'double';
    case 'BLOCK_FOLDED':
    case 'BLOCK_LITERAL':
      return 'block';
    default:
      return 'plain';
  }
}

/**
 * Hexo parses a `;;;` block as `JSON.parse('{' + block + '}')` and silently ignores it when that
 * fails. JSON is YAML flow syntax, so once JSON.parse accepts it the yaml package gives positions.
 */
function parseJsonBlock(result: ParsedFrontMatter, block: FrontMatterBlock): ParsedFrontMatter {
  const wrapped = '{' + block.data + '}';
  const toOriginal: ToOriginal = (offset) => block.dataToOriginal(Math.max(0, Math.min(block.data.length, offset - 1)));
  try {
    JSON.parse(wrapped);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const at = position ? toOriginal(Number(position[1])) : block.dataStart;
    result.syntaxProblems.push({ start: at, end: Math.min(at + 1, block.dataEnd), code: 'JSON', message });
    result.status = 'syntax-error';
    return result;
  }
  fillFromYaml(result, wrapped, toOriginal);
  // The yaml package may warn about JSON it reads differently; JSON.parse accepted it, so does Hexo.
  result.syntaxProblems = [];
  if (result.status === 'syntax-error') result.status = result.entries.length > 0 ? 'mapping' : 'empty';
  return result;
}
