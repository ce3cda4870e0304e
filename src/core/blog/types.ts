/**
 * What Mathpost knows about the Hexo blog around a note. Found by `findBlog` (src/core/blog/discover.ts)
 * from the nearest `_config.yml` that is a Hexo site config. Every field has a sensible value when
 * there is no blog around the file (`root` is then undefined).
 */
export interface BlogConfig {
  /** Absolute path of the blog root (the folder of the site `_config.yml`), or undefined outside a blog. */
  root: string | undefined;
  /** IANA zone from the site config (`timezone:`); '' when unset (Hexo then uses the build machine's zone). */
  timezone: string;
  /** `theme:` of the site config ('' when unset). */
  theme: string;
  /** `post_asset_folder:` of the site config. */
  postAssetFolder: boolean;
  /** `root:` of the site config (URL prefix, default '/'). */
  urlRoot: string;
  /** Where the theme config was read from (`_config.butterfly.yml`, or the theme's own `_config.yml`), if any. */
  themeConfigPath: string | undefined;
  /** Butterfly 5.x `math:` block, merged: site-level `_config.<theme>.yml` wins over the theme's `_config.yml`. */
  math: {
    /** 'katex' | 'mathjax' | '' (empty: the theme loads no math at all). */
    use: string;
    /** true (5.x default): math is loaded on every post/page. */
    perPage: boolean;
  };
  /** The markdown renderer the site uses, guessed from config keys (`markdown:` = hexo-renderer-markdown-it, `marked:` = hexo-renderer-marked, `kramed:`). */
  renderer: 'markdown-it' | 'marked' | 'kramed' | 'unknown';
  /** hexo-renderer-markdown-it options from `markdown:` (render.html, breaks, linkify, typographer, plugins...). */
  markdown: {
    html: boolean;
    breaks: boolean;
    linkify: boolean;
    typographer: boolean;
    /** Plugin names listed under `markdown.plugins` (strings or `{name}` entries). */
    plugins: string[];
    /** Heading ids: `markdown.anchors` (markdown-it) or `marked.headerIds`/`modifyAnchors` (marked). */
    anchors: HeadingAnchors;
  };
  /** Butterfly 5.7 `code_blocks:` toolbar settings of the merged theme config. */
  codeBlocks: CodeBlockToolbar;
  /** How the blog highlights fenced code (`syntax_highlighter`, `highlight`, `prismjs` of the site config). */
  codeHighlight: CodeHighlightConfig;
  /** KaTeX macros found in the theme or site config (`math.katex.macros` or `katex.macros`), if any. */
  katexMacros: Record<string, string>;
  /** Absolute paths of the folders whose files are published (site `source/`, theme `source/`). */
  sourceFolders: string[];
  /** Problems met while reading the configs (unreadable YAML...), with the file they concern. */
  problems: Array<{ file: string; message: string }>;
  /** npm packages of the blog's package.json (dependencies and devDependencies), to know installed plugins. */
  dependencies?: string[];
  /** Tag plugins registered by the blog's own `scripts/` folder. */
  customTags?: string[];
  /**
   * How the renderer rewrites markdown image links: hexo-renderer-markdown-it `markdown.images.post_asset` /
   * `prepend_root`, hexo-renderer-marked `marked.postAsset` / `prependRoot` (all off by default).
   */
  imageLinks?: { postAsset: boolean; prependRoot: boolean };
}

/** Butterfly's code-block toolbar (its main.js adds it in the browser): `code_blocks.copy/language/shrink`. */
export interface CodeBlockToolbar {
  copy: boolean;
  language: boolean;
  /** true: blocks start folded; false: open with a fold button; 'none': no fold button. */
  shrink: boolean | 'none';
}

/** Hexo 8's code highlighting settings, each merged over Hexo's defaults (src/core/render/codeHighlight.ts). */
export interface CodeHighlightConfig {
  /** `syntax_highlighter`: 'highlight.js' (the default), 'prismjs', or anything else (none: markdown-it renders the fence). */
  engine: string;
  /** `highlight:` (line_number, wrap, hljs, auto_detect, tab_replace, exclude_languages, …). */
  highlight: Record<string, unknown>;
  /** `prismjs:` (preprocess, line_number, tab_replace, exclude_languages, …). */
  prismjs: Record<string, unknown>;
}

/** How the blog's renderer gives headings an `id` (src/core/render/headingIds.ts). */
export interface HeadingAnchors {
  /** Lowest heading level with an id (markdown-it default 2: h1 has none; 7: no heading has one). */
  level: number;
  /** Put between the slug and the number of a repeated slug (`a-<suffix>2`). */
  collisionSuffix: string;
  /** hexo-util slugize `transform`: 1 lower case, 2 upper case, other values leave the case. */
  case: number;
  /** hexo-util slugize `separator` ('-'). */
  separator: string;
  /** The number the second heading with one slug gets: 2 for markdown-it, 1 for marked. */
  firstRepeat: number;
}
