/**
 * The front-matter schema is data (schema.json, from the measured Hexo 8.1.2 + Butterfly 5.7.0
 * spec); this file types it and merges a user's schema file and extra keys over it.
 */
import schemaData from './schema.json';

export type KeyStatus = 'active' | 'noEffect' | 'foreign' | 'internal' | 'extra';
/** How the reader treats non-boolean values (see schema.json `$comment`). */
export type BooleanSemantics = 'strict' | 'notFalse' | 'truthy' | 'hexo' | 'exactTrue';
export type KeyScope = 'post' | 'page' | 'both';
export type ValueType = 'string' | 'boolean' | 'date' | 'number' | 'tags' | 'categories' | 'image' | 'url' | 'layout' | 'mapping' | 'stringList' | 'any';

export interface LocalizedText {
  en: string;
  'zh-cn'?: string;
}

export interface KeySpec {
  name: string;
  status: KeyStatus;
  /** Who reads it: `Hexo`, `Butterfly`, a plugin or theme name. */
  origin: string;
  /** npm package that must be installed for the key to work (foreign plugin keys). */
  plugin?: string;
  scope: KeyScope;
  /** For page keys that only matter on one Butterfly page `type` (tags, link, shuoshuo). */
  pageType?: string;
  type: ValueType;
  boolean?: BooleanSemantics;
  allowed?: string[];
  default: LocalizedText;
  description: LocalizedText;
  source?: string;
}

export interface FrontMatterSchema {
  keys: ReadonlyMap<string, KeySpec>;
  /** alias -> canonical key (`tag` -> `tags`). */
  aliases: ReadonlyMap<string, string>;
  /** Tag plugins Hexo itself defines (and Nunjucks statements). */
  coreTags: ReadonlySet<string>;
  /** Tag plugins Butterfly 5.7 defines. */
  themeTags: ReadonlySet<string>;
  /** Whether the user supplied a schema file (then the configured theme is assumed to be described). */
  custom: boolean;
}

const statuses: readonly KeyStatus[] = ['active', 'noEffect', 'foreign', 'internal', 'extra'];
const scopes: readonly KeyScope[] = ['post', 'page', 'both'];
const types: readonly ValueType[] = ['string', 'boolean', 'date', 'number', 'tags', 'categories', 'image', 'url', 'layout', 'mapping', 'stringList', 'any'];
const booleans: readonly BooleanSemantics[] = ['strict', 'notFalse', 'truthy', 'hexo', 'exactTrue'];

function buildBuiltIn(): FrontMatterSchema {
  const keys = new Map<string, KeySpec>();
  for (const key of schemaData.keys as KeySpec[]) keys.set(key.name, key);
  return {
    keys,
    aliases: new Map(Object.entries(schemaData.aliases)),
    coreTags: new Set([...schemaData.tagPlugins.hexo, ...schemaData.tagPlugins.nunjucks]),
    themeTags: new Set(schemaData.tagPlugins.butterfly),
    custom: false,
  };
}

const builtIn = buildBuiltIn();

export function builtInSchema(): FrontMatterSchema {
  return builtIn;
}

function text(value: unknown, fallback: string): LocalizedText {
  if (typeof value === 'string') return { en: value };
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const en = typeof record.en === 'string' ? record.en : fallback;
    return typeof record['zh-cn'] === 'string' ? { en, 'zh-cn': record['zh-cn'] } : { en };
  }
  return { en: fallback };
}

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * Merge a user's schema (the parsed JSON of `mathpost.frontMatter.schemaFile`) and extra keys over the
 * built-in one. Shape: `{ "keys": [{ "name", "status"?, "scope"?, "type"?, "boolean"?, "allowed"?,
 * "description"? (string or {en, zh-cn}), ... }], "aliases"?: {}, "tagPlugins"?: ["name", ...] }`.
 * Never throws: unusable entries are reported in `problems`.
 */
export function loadSchema(custom: unknown, extraKeys: readonly string[] = []): { schema: FrontMatterSchema; problems: string[] } {
  const problems: string[] = [];
  if (custom === undefined && extraKeys.length === 0) return { schema: builtIn, problems };
  const keys = new Map(builtIn.keys);
  const aliases = new Map(builtIn.aliases);
  const themeTags = new Set(builtIn.themeTags);
  for (const name of extraKeys) {
    if (typeof name === 'string' && name.trim() && !keys.has(name.trim())) {
      keys.set(name.trim(), {
        name: name.trim(),
        status: 'extra',
        origin: 'settings',
        scope: 'both',
        type: 'any',
        default: { en: '' },
        description: { en: '' },
      });
    }
  }
  if (custom !== undefined) {
    if (!custom || typeof custom !== 'object' || Array.isArray(custom)) {
      problems.push('the schema file must hold a JSON object with a "keys" list');
    } else {
      const record = custom as Record<string, unknown>;
      const list = Array.isArray(record.keys) ? record.keys : [];
      if (record.keys !== undefined && !Array.isArray(record.keys)) problems.push('"keys" must be a list');
      list.forEach((entry, index) => {
        const item = entry as Record<string, unknown> | null;
        if (!item || typeof item !== 'object' || typeof item.name !== 'string' || !item.name) {
          problems.push(`keys[${index}] has no "name"`);
          return;
        }
        const base = keys.get(item.name);
        keys.set(item.name, {
          name: item.name,
          status: pick(item.status, statuses, base?.status ?? 'active'),
          origin: typeof item.origin === 'string' ? item.origin : (base?.origin ?? 'schema file'),
          plugin: typeof item.plugin === 'string' ? item.plugin : base?.plugin,
          scope: pick(item.scope, scopes, base?.scope ?? 'both'),
          pageType: typeof item.pageType === 'string' ? item.pageType : base?.pageType,
          type: pick(item.type, types, base?.type ?? 'any'),
          boolean: item.boolean === undefined ? base?.boolean : pick(item.boolean, booleans, 'strict'),
          allowed: Array.isArray(item.allowed) ? item.allowed.map(String) : base?.allowed,
          default: item.default === undefined && base ? base.default : text(item.default, ''),
          description: item.description === undefined && base ? base.description : text(item.description, ''),
          source: typeof item.source === 'string' ? item.source : base?.source,
        });
      });
      if (record.aliases && typeof record.aliases === 'object') {
        for (const [alias, target] of Object.entries(record.aliases as Record<string, unknown>)) {
          if (typeof target === 'string') aliases.set(alias, target);
        }
      }
      if (Array.isArray(record.tagPlugins)) for (const tag of record.tagPlugins) if (typeof tag === 'string') themeTags.add(tag);
    }
  }
  return { schema: { keys, aliases, coreTags: builtIn.coreTags, themeTags, custom: custom !== undefined }, problems };
}

/** A description in the reader's language: zh-cn when the locale is Chinese and the data has it. */
export function localized(value: LocalizedText, locale: string | undefined): string {
  if (locale && locale.toLowerCase().startsWith('zh') && value['zh-cn']) return value['zh-cn'];
  return value.en;
}
