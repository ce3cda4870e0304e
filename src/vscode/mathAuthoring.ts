/**
 * Math authoring in the editor (issue #11): the rendered formula on hover, LaTeX completion inside math, and
 * macros as symbols (go to definition, hover). Thin: the core computes everything from the math of the document
 * version's Note (the one the diagnostics read); this file reads settings, the theme kind and positions.
 */
import * as vscode from 'vscode';
import type { BlogConfig } from '../core/blog/types';
import type { ReadOnlyFileSystem } from '../core/fileSystem';
import type { MathSyntax } from '../core/math/delimiters';
import type { FormulaImages } from '../core/math/formulaHover';
import type { KatexAssets } from '../core/math/hoverImage';
import type { MathRenderer } from '../core/math/katexRenderer';
import type { LatexCompletionItem } from '../core/math/latexCompletion';
import type { NoteMath } from '../core/math/noteMath';
import type { Note } from '../core/note/note';
import type { Localize } from '../core/text';
import { core } from '../coreLoader';
import { Disposable } from '../shared/dispose';
import { readPreviewSettings } from '../preview/previewSettings';

export interface MathAuthoringDependencies {
  extensionUri: vscode.Uri;
  fs: ReadOnlyFileSystem;
  t: Localize;
  findBlog(notePath: string): BlogConfig | undefined;
  /** The preview's KaTeX cache (macro states of defining formulas are shared with it). */
  readonly math: MathRenderer;
  /** The Note of the document's version, shared with the diagnostics and the preview. */
  noteFor(document: vscode.TextDocument): Note;
}

/**
 * The editor's foreground for the hover image: an extension cannot read theme colors, only the theme kind, so
 * the image uses the default editor foreground of the Default Dark/Light (and High Contrast) themes.
 */
export function foregroundFor(kind: vscode.ColorThemeKind): string {
  switch (kind) {
    case vscode.ColorThemeKind.Light:
      return '#000000';
    case vscode.ColorThemeKind.HighContrastLight:
      return '#292929';
    case vscode.ColorThemeKind.HighContrast:
      return '#ffffff';
    default:
      return '#cccccc';
  }
}

/** Looked up when used, not at load: activation must not touch more of the API than it registers with. */
function completionKind(kind: LatexCompletionItem['kind']): vscode.CompletionItemKind {
  switch (kind) {
    case 'command':
      return vscode.CompletionItemKind.Function;
    case 'symbol':
      return vscode.CompletionItemKind.Constant;
    case 'environment':
      return vscode.CompletionItemKind.Snippet;
    case 'delimiter':
      return vscode.CompletionItemKind.Operator;
    case 'macro':
      return vscode.CompletionItemKind.Variable;
  }
}

type LatexItem = vscode.CompletionItem & { latex: LatexCompletionItem; displayMode: boolean };

function latexItem(latex: LatexCompletionItem, range: vscode.Range, displayMode: boolean): LatexItem {
  const item = new vscode.CompletionItem(latex.label, completionKind(latex.kind)) as LatexItem;
  item.insertText = new vscode.SnippetString(latex.snippet);
  item.range = range;
  item.filterText = latex.label;
  if (latex.detail !== undefined) item.detail = latex.detail;
  // Macros first: they are what this note and blog add to KaTeX.
  item.sortText = `${latex.kind === 'macro' ? '0' : '1'}${latex.label}`;
  item.latex = latex;
  item.displayMode = displayMode;
  return item;
}

export class MathAuthoring extends Disposable implements vscode.HoverProvider, vscode.CompletionItemProvider<LatexItem>, vscode.DefinitionProvider {
  private images: FormulaImages | undefined;
  private assets: KatexAssets | undefined | null = null;
  private staticItems: LatexCompletionItem[] | undefined;

  constructor(private readonly deps: MathAuthoringDependencies) {
    super();
    const markdown = { language: 'markdown' };
    this.register(vscode.languages.registerHoverProvider(markdown, this));
    this.register(vscode.languages.registerCompletionItemProvider(markdown, this, '\\'));
    this.register(vscode.languages.registerDefinitionProvider(markdown, this));
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!vscode.workspace.getConfiguration('mathpost', document.uri).get<boolean>('math.hover', true)) return undefined;
    const context = this.contextFor(document);
    const t = this.deps.t;
    const hover = core().formulaHoverAt(
      context.model,
      document.offsetAt(position),
      this.formulaImages(),
      {
        blogMacros: context.blogMacros,
        settingMacros: context.settingMacros,
        color: foregroundFor(vscode.window.activeColorTheme.kind),
        lineOf: (offset) => document.positionAt(offset).line + 1,
      },
      t,
    );
    if (!hover) return undefined;
    // Markdown from the note's text and KaTeX's escaped markup: no HTML, no command links.
    const markdown = new vscode.MarkdownString(hover.markdown);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): LatexItem[] | undefined {
    if (!vscode.workspace.getConfiguration('mathpost', document.uri).get<boolean>('math.completion', true)) return undefined;
    const context = this.contextFor(document);
    const text = document.getText();
    const site = core().completionSite(text, document.offsetAt(position), context.model, context.syntax);
    if (!site) return undefined;
    const range = new vscode.Range(document.positionAt(site.start), position);
    const display = site.model.spans[site.span].display;
    const macros = core().macroCompletionItems(site, { blog: context.blogMacros, settings: context.settingMacros });
    return [...macros, ...this.katexItems()].map((item) => latexItem(item, range, display));
  }

  resolveCompletionItem(item: LatexItem): LatexItem {
    const images = this.formulaImages();
    // A macro renders with its own definition (the note's, the settings' or the blog's).
    const state = this.deps.math.beginNote(item.latex.kind === 'macro' && item.latex.detail !== undefined ? { [item.latex.label]: item.latex.detail } : {});
    const rendering = images.render(item.latex.previewTex, item.displayMode, state, foregroundFor(vscode.window.activeColorTheme.kind));
    const parts = [`\`\`\`latex\n${item.latex.previewTex}\n\`\`\``];
    if (rendering.image) parts.unshift(`![${this.deps.t('Rendered formula')}](${rendering.image.uri})`);
    const documentation = new vscode.MarkdownString(parts.join('\n\n'));
    documentation.isTrusted = false;
    documentation.supportHtml = false;
    item.documentation = documentation;
    return item;
  }

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    const context = this.contextFor(document);
    const offset = document.offsetAt(position);
    const index = core().spanIndexAt(context.model, offset);
    if (index === undefined) return undefined;
    const use = context.model.uses.find((candidate) => candidate.span === index && candidate.start <= offset && offset <= candidate.end);
    if (!use) return undefined;
    const origin = core().macroOriginAt(context.model, use.name, use.start, context.blogMacros, context.settingMacros);
    if (!origin) return undefined;
    if (origin.kind === 'note') {
      return new vscode.Location(document.uri, new vscode.Range(document.positionAt(origin.definition.start), document.positionAt(origin.definition.end)));
    }
    if (origin.kind === 'blog' && context.blog) return this.configLocation(context.blog, use.name);
    return undefined;
  }

  private contextFor(document: vscode.TextDocument): {
    model: NoteMath;
    syntax: MathSyntax;
    blog?: BlogConfig;
    blogMacros: Record<string, string>;
    settingMacros: Record<string, string>;
  } {
    const settings = readPreviewSettings(document.uri);
    const notePath = document.uri.scheme === 'file' ? document.uri.fsPath.replace(/\\/g, '/') : undefined;
    const blog = notePath ? this.deps.findBlog(notePath) : undefined;
    const syntax = core().resolveMathSyntax(settings.delimiters, blog);
    const model = core().noteMathOf(this.deps.noteFor(document), syntax);
    return { model, syntax, blog, blogMacros: blog?.katexMacros ?? {}, settingMacros: settings.macros };
  }

  private formulaImages(): FormulaImages {
    return (this.images ??= new (core().FormulaImages)(this.deps.math, () => this.katexAssets()));
  }

  private katexAssets(): KatexAssets | undefined {
    if (this.assets === null) this.assets = core().loadKatexAssets(this.katexFolder(), this.deps.fs);
    return this.assets;
  }

  private katexItems(): LatexCompletionItem[] {
    if (!this.staticItems) {
      const table = core().loadKatexCommands(this.katexFolder(), this.deps.fs);
      this.staticItems = table ? core().katexCompletionItems(table) : [];
    }
    return this.staticItems;
  }

  private katexFolder(): string {
    return vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'katex').fsPath.replace(/\\/g, '/');
  }

  /** The line of the blog config that defines the macro (theme config first: it wins in Butterfly). */
  private configLocation(blog: BlogConfig, name: string): vscode.Location | undefined {
    const files = [blog.themeConfigPath, blog.root ? `${blog.root}/_config.yml` : undefined].filter((file): file is string => !!file);
    const key = new RegExp(`^[ \\t]*["']?\\\\{1,2}${name}["']?\\s*:`, 'm');
    for (const file of files) {
      const text = this.deps.fs.readFile(file);
      const match = text === undefined ? null : key.exec(text);
      if (!text || !match) continue;
      const line = text.slice(0, match.index).split('\n').length - 1;
      return new vscode.Location(vscode.Uri.file(file), new vscode.Position(line, 0));
    }
    return undefined;
  }
}
