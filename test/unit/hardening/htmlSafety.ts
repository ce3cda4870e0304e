/**
 * An independent checker for HTML the renderer emits from an untrusted note (issue "hardening"):
 * nothing that runs (script, event handlers, javascript:/vbscript: URLs), nothing that embeds
 * (frames, object, embed), no forms, no style/link/meta/base elements, and no resource loaded from
 * anywhere but an https (or local / data:image) image. It tokenizes tags itself instead of reusing
 * src/core/render/sanitize.ts, so a bug there cannot hide a bug here.
 */

const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'textarea',
  'select',
  'option',
  'style',
  'link',
  'meta',
  'base',
  'portal',
  'noscript',
  'template',
  // SVG children that load or script (the KL card's charts use only svg/g/rect/line/text/title;
  // KaTeX's MathML is allowed: with trust false it carries no href).
  'foreignobject',
  'use',
  'image',
  'animate',
  'set',
  'animatetransform',
  'animatemotion',
  'feimage',
  'handler',
  'listener',
]);

/** Attributes whose value the browser fetches or navigates to. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'background',
  'poster',
  'data',
  'srcset',
  'srcdoc',
  'ping',
  'manifest',
  'lowsrc',
  'dynsrc',
  'codebase',
  'archive',
  'longdesc',
  'usemap',
  'itemtype',
]);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** What an HTML parser makes of an attribute value (named and numeric character references). */
export function decodeAttribute(value: string): string {
  return value.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z]+);?/g, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    }
    const named: Record<string, string> = {
      amp: '&',
      lt: '<',
      gt: '>',
      quot: '"',
      apos: "'",
      colon: ':',
      tab: '\t',
      newline: '\n',
      sol: '/',
      lpar: '(',
      rpar: ')',
      period: '.',
      bsol: '\\',
      nbsp: '\u00a0',
    };
    return named[entity.toLowerCase()] ?? whole;
  });
}

/** The scheme as a browser sees it: ASCII whitespace and controls anywhere in it are ignored. */
export function schemeOf(url: string): string {
  let cleaned = '';
  for (const ch of url) if (ch.charCodeAt(0) > 0x20 && (ch.charCodeAt(0) < 0x7f || ch.charCodeAt(0) > 0x9f)) cleaned += ch;
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match ? match[1].toLowerCase() : '';
}

function checkUrl(tag: string, attribute: string, value: string, problems: string[]): void {
  const scheme = schemeOf(value);
  const where = `<${tag} ${attribute}="${value.slice(0, 80)}">`;
  if (
    attribute === 'srcset' ||
    attribute === 'srcdoc' ||
    attribute === 'data' ||
    attribute === 'action' ||
    attribute === 'formaction' ||
    attribute === 'ping' ||
    attribute === 'background' ||
    attribute === 'poster' ||
    attribute === 'codebase' ||
    attribute === 'archive' ||
    attribute === 'manifest' ||
    attribute === 'lowsrc' ||
    attribute === 'dynsrc' ||
    attribute === 'usemap' ||
    attribute === 'longdesc' ||
    attribute === 'itemtype'
  ) {
    problems.push(`resource attribute ${where}`);
    return;
  }
  if (['javascript', 'vbscript', 'livescript', 'command', 'vscode', 'blob', 'filesystem'].includes(scheme)) {
    problems.push(`dangerous scheme ${scheme}: in ${where}`);
    return;
  }
  if (attribute === 'src') {
    if (tag !== 'img') problems.push(`src on a non-image element ${where}`);
    else if (scheme === 'http' || /^\s*\/\//.test(value)) problems.push(`insecure remote image ${where}`);
    else if (scheme === 'data' && !/^\s*data:image\/(?:png|gif|jpe?g|webp|avif|bmp|x-icon);/i.test(value)) problems.push(`non-image data: URL ${where}`);
    else if (!['', 'https', 'data', 'file', 'vscode-resource', 'vscode-webview-resource'].includes(scheme)) problems.push(`unexpected image scheme ${where}`);
    return;
  }
  // href: a navigation, not a load — but only on <a>, and never data: (a document that runs script).
  if (tag !== 'a') problems.push(`href on <${tag}> ${where}`);
  else if (!['', 'http', 'https', 'mailto'].includes(scheme)) problems.push(`unexpected link scheme ${where}`);
}

function checkStyle(tag: string, style: string, problems: string[]): void {
  const css = style.replace(/\/\*[\s\S]*?\*\//g, '');
  if (/url\s*\(|image-set|image\s*\(|expression\s*\(|@import|javascript:|behavior\s*:|-moz-binding|\\/i.test(css)) {
    problems.push(`style that can load or run something on <${tag}>: ${style.slice(0, 120)}`);
  }
  if (/position\s*:\s*(fixed|sticky)/i.test(css)) problems.push(`style that can overlay the preview on <${tag}>: ${style.slice(0, 120)}`);
}

/** Every violation of the policy in `html` (empty when safe). */
export function htmlSafetyProblems(html: string): string[] {
  const problems: string[] = [];
  for (let lt = html.indexOf('<'); lt >= 0 && problems.length < 20; lt = html.indexOf('<', lt + 1)) {
    const next = html[lt + 1] ?? '';
    if (next === '!' || next === '?') {
      problems.push(`markup declaration or comment at ${lt}: ${html.slice(lt, lt + 40)}`);
      continue;
    }
    if (!/[a-zA-Z/]/.test(next)) continue;
    TAG.lastIndex = lt;
    const match = TAG.exec(html);
    if (!match) {
      // A browser would still open a tag here: the renderer must have escaped this `<`.
      problems.push(`malformed tag at ${lt}: ${html.slice(lt, lt + 60)}`);
      continue;
    }
    const [, , rawName, attributes] = match;
    const name = rawName.toLowerCase();
    if (FORBIDDEN_ELEMENTS.has(name)) problems.push(`<${match[1]}${name}> element`);
    if (match[1]) continue;
    ATTRIBUTE.lastIndex = 0;
    for (let attribute = ATTRIBUTE.exec(attributes); attribute; attribute = ATTRIBUTE.exec(attributes)) {
      const attributeName = attribute[1].toLowerCase();
      const value = decodeAttribute(attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
      if (attributeName.startsWith('on')) problems.push(`event handler ${attributeName} on <${name}>`);
      else if (URL_ATTRIBUTES.has(attributeName)) checkUrl(name, attributeName, value, problems);
      else if (attributeName === 'style') checkStyle(name, value, problems);
      else if (attributeName === 'http-equiv' || attributeName === 'formtarget' || attributeName === 'is')
        problems.push(`attribute ${attributeName} on <${name}>`);
    }
  }
  if (/<\s*\/?\s*script/i.test(html)) problems.push('the text "<script" appears unescaped');
  return problems;
}

export function assertSafeHtml(html: string, label = 'rendered HTML'): void {
  const problems = htmlSafetyProblems(html);
  if (problems.length > 0) throw new Error(`${label} is unsafe:\n  ${problems.join('\n  ')}`);
}

/**
 * The head of an exported file holds exactly the elements exportStandaloneHtml writes (charset,
 * CSP, viewport, generator, title, one style element); returns what follows it, to be checked
 * with the body policy.
 */
export function exportBody(html: string): { csp: string; body: string; problems: string[] } {
  const problems: string[] = [];
  const head = /^<!DOCTYPE html>\s*<html>\s*<head>([\s\S]*?)<\/head>([\s\S]*)$/.exec(html);
  if (!head) return { csp: '', body: html, problems: ['no <head> where expected'] };
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(head[1])?.[1] ?? '';
  const withoutStyle = head[1].replace(/<style>[\s\S]*?<\/style>/, '');
  if (/<style/i.test(withoutStyle)) problems.push('a second <style> element in the head');
  const title = /<title>([^<]*)<\/title>/.exec(withoutStyle);
  if (!title) problems.push('no title, or markup inside it');
  const rest = withoutStyle
    .replace(
      /<meta charset="utf-8">|<meta http-equiv="Content-Security-Policy" content="[^"]*">|<meta name="viewport" content="[^"]*">|<meta name="generator" content="Mathpost">|<title>[^<]*<\/title>/g,
      '',
    )
    .trim();
  if (rest !== '') problems.push(`unexpected head content: ${rest.slice(0, 120)}`);
  return { csp, body: head[2], problems };
}
