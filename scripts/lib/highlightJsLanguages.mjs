// The table the lazy highlight.js of dist/vendor/hexo-highlight.js needs (src/vendor/lazyHighlightJs.ts),
// read from the full highlight.js the build bundles, so it can never drift from the grammars it describes.
import { createRequire } from 'node:module';

/**
 * languages: every language in highlight.js's own registration order (lib/index.js); auto-detection breaks
 *   relevance ties by that order, so registering "all" must reproduce it.
 * names: every name and alias (lower case) -> the language the full highlight.js resolves it to (when two
 *   grammars claim an alias, the one registered last wins there, and here).
 * embeds: language -> the languages its grammar highlights inside itself (`subLanguage`), as full
 *   highlight.js would find them: a string names a registered language, an array is resolved like aliases.
 * embedsAll: languages with `subLanguage: []`, which auto-detects among every registered language.
 */
export function highlightJsLanguageTable(root) {
  const require = createRequire(`${root}/`);
  const hljs = require('highlight.js');
  const languages = hljs.listLanguages();
  const nameOf = new Map(languages.map((name) => [hljs.getLanguage(name), name]));
  const resolve = (alias) => nameOf.get(hljs.getLanguage(alias));
  const names = {};
  const embeds = {};
  const embedsAll = [];
  for (const name of languages) {
    const language = hljs.getLanguage(name);
    for (const alias of [name, ...(language.aliases ?? [])]) names[alias.toLowerCase()] = resolve(alias);
    const found = new Set();
    let all = false;
    for (const sub of subLanguages(language)) {
      if (typeof sub === 'string') {
        if (languages.includes(sub)) found.add(sub);
      } else if (sub.length === 0) all = true;
      else for (const entry of sub) if (resolve(entry)) found.add(resolve(entry));
    }
    found.delete(name);
    if (found.size > 0) embeds[name] = [...found];
    if (all) embedsAll.push(name);
  }
  return { languages, names, embeds, embedsAll };
}

/** Every `subLanguage` value anywhere in a grammar's mode tree (modes nest through contains, variants, starts...). */
function subLanguages(language) {
  const seen = new Set();
  const found = [];
  const visit = (value) => {
    if (value === null || typeof value !== 'object' || value instanceof RegExp || seen.has(value)) return;
    seen.add(value);
    if (Object.prototype.hasOwnProperty.call(value, 'subLanguage')) found.push(value.subLanguage);
    for (const child of Object.values(value)) visit(child);
  };
  visit(language);
  return found;
}
