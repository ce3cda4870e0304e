/**
 * highlight.js as hexo-util uses it, with each grammar registered on first use instead of all ~190 at load.
 * `require('highlight.js')` registers every language: ~70 ms on the first fence and ~8 MB of heap that every
 * later garbage collection of the extension host walks again. dist/vendor/hexo-highlight.js replaces that
 * require with this (scripts/build.mjs), so hexo-util's own code runs unchanged on top of it.
 *
 * The output must stay highlight.js's to the byte, which a partial registry changes in three ways, each
 * handled here with a table read from the full highlight.js at build time (scripts/lib/highlightJsLanguages.mjs):
 * - a grammar highlights other languages inside itself (`subLanguage`: HTML's <script>, Markdown's HTML...)
 *   only when they are registered, so a language comes with everything it embeds, transitively;
 * - `subLanguage: []` and `highlightAuto` choose among every registered language, breaking relevance ties by
 *   registration order: they get all languages, in highlight.js's own order;
 * - two grammars claim the same alias (`ls`, `ml`): the one full highlight.js resolves it to keeps it.
 * hexo-util calls `configure`, `getLanguage`, `highlight` and `highlightAuto`; each of them is wrapped (and
 * `listLanguages`), so any caller of the usual API sees what the full highlight.js would give it.
 */
import type { HighlightOptions, HighlightResult, HLJSApi, LanguageFn, AutoHighlightResult } from 'highlight.js';

/** Built by scripts/lib/highlightJsLanguages.mjs; see there for what each field means. */
export interface HighlightJsLanguageTable {
  languages: string[];
  names: Record<string, string>;
  embeds: Record<string, string[]>;
  embedsAll: string[];
}

/**
 * Wraps a fresh highlight.js core instance (`require('highlight.js/lib/core').newInstance()`); `load` returns a
 * language's definition (its lib/languages/<name>.js module), which is only evaluated when first needed.
 */
export function lazyHighlightJs(hljs: HLJSApi, table: HighlightJsLanguageTable, load: (language: string) => LanguageFn): HLJSApi {
  const { highlight, highlightAuto } = hljs;
  const registered = new Set<string>();
  const needsAll = new Set(table.embedsAll);
  let all = false;

  /** Registers every language, in lib/index.js's order, as `require('highlight.js')` does. */
  function registerAll(): void {
    if (all) return;
    // Object key order is registration order: languages already registered would come first and change
    // which language wins an auto-detection tie, so they are registered again in their place.
    for (const language of registered) hljs.unregisterLanguage(language);
    for (const language of table.languages) hljs.registerLanguage(language, load(language));
    all = true;
  }

  /** Registers the languages `requested` names (names or aliases) resolve to, with all they embed. */
  function ensure(requested: Iterable<string | undefined>): void {
    if (all) return;
    const pending: string[] = [];
    for (const name of requested) {
      const language = name === undefined ? undefined : table.names[name.toLowerCase()];
      if (language !== undefined) pending.push(language);
    }
    const added: string[] = [];
    while (pending.length > 0) {
      const language = pending.pop() as string;
      if (registered.has(language)) continue;
      if (needsAll.has(language)) return registerAll();
      hljs.registerLanguage(language, load(language));
      registered.add(language);
      added.push(language);
      pending.push(...(table.embeds[language] ?? []));
    }
    // A newly registered grammar may have taken an alias that full highlight.js gives to another language.
    for (const language of added) {
      for (const alias of hljs.getLanguage(language)?.aliases ?? []) {
        const owner = table.names[alias.toLowerCase()];
        if (owner !== language && registered.has(owner)) hljs.registerAliases(alias, { languageName: owner });
      }
    }
  }

  function lazyHighlight(codeOrLanguage: string, optionsOrCode: string | HighlightOptions, ignoreIllegals?: boolean): HighlightResult {
    // highlight(code, { language }) and the deprecated highlight(language, code, ignoreIllegals).
    ensure([typeof optionsOrCode === 'object' ? optionsOrCode.language : codeOrLanguage]);
    return typeof optionsOrCode === 'object' ? highlight(codeOrLanguage, optionsOrCode) : highlight(codeOrLanguage, optionsOrCode, ignoreIllegals);
  }

  // highlightAuto's candidates: its argument, else `configure({ languages })`, else every registered language.
  let configuredLanguages: string[] | undefined;
  function lazyHighlightAuto(code: string, subset?: string[]): AutoHighlightResult {
    const candidates = subset || configuredLanguages;
    if (candidates) ensure(candidates);
    else registerAll();
    return highlightAuto(code, subset);
  }

  const { configure, getLanguage, listLanguages } = hljs;
  return Object.assign(hljs, {
    configure: (options: Parameters<HLJSApi['configure']>[0]) => {
      if (options.languages !== undefined) configuredLanguages = options.languages;
      configure(options);
    },
    highlight: lazyHighlight as HLJSApi['highlight'],
    highlightAuto: lazyHighlightAuto,
    getLanguage: (name: string) => (ensure([name]), getLanguage(name)),
    listLanguages: () => (registerAll(), listLanguages()),
  });
}
