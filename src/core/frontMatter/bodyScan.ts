/**
 * One linear pass over the note body to find what the front-matter checks need: the first formula,
 * `{% tag %}` uses and Nunjucks `{{` / `{#` outside code. Fenced code and inline code are skipped
 * (Hexo escapes code fences before Nunjucks runs), as is everything inside `{% raw %}…{% endraw %}`.
 */

export interface TagUse {
  name: string;
  start: number;
  end: number;
}

export interface BodyScan {
  firstMath: { start: number; end: number } | undefined;
  tags: TagUse[];
  nunjucks: Array<{ start: number; end: number; opener: '{{' | '{#' }>;
}

const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;
const tagPattern = /\{%-?\s*([A-Za-z_][\w-]*)[^%]*?-?%\}/g;
const rawOpen = /\{%-?\s*raw\s*-?%\}/g;
const rawClose = /\{%-?\s*endraw\s*-?%\}/g;
const mathPattern = /\$\$|\\\(|\\\[|(?<![\\$])\$(?![\s$])[^$\n]*?(?<![\s\\])\$(?!\d)/g;
const nunjucksPattern = /\{\{|\{#/g;

export function scanBody(text: string, bodyStart: number, limits = { maxTags: 200 }): BodyScan {
  const scan: BodyScan = { firstMath: undefined, tags: [], nunjucks: [] };
  let fence: string | undefined;
  let inRaw = false;
  let lineStart = bodyStart;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (fence !== undefined) {
      const close = fenceOpen.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length && line.trim() === close[1]) fence = undefined;
    } else {
      const open = fenceOpen.exec(line);
      if (open && !inRaw && !(open[1][0] === '`' && line.slice(open[0].length).includes('`'))) {
        fence = open[1];
      } else {
        for (const [segmentStart, segment] of outsideInlineCode(line, lineStart)) {
          inRaw = scanSegment(scan, segment, segmentStart, inRaw, limits.maxTags);
        }
      }
    }
    if (lineEnd === text.length) break;
    lineStart = lineEnd + 1;
  }
  return scan;
}

/** Parts of a line outside inline code spans (a run of n backticks closed by a run of n). */
function outsideInlineCode(line: string, offset: number): Array<[number, string]> {
  if (!line.includes('`')) return [[offset, line]];
  const parts: Array<[number, string]> = [];
  let last = 0;
  const runs = /`+/g;
  for (let open = runs.exec(line); open; open = runs.exec(line)) {
    const closer = new RegExp(`(?<!\`)${'`'.repeat(open[0].length)}(?!\`)`, 'g');
    closer.lastIndex = open.index + open[0].length;
    const close = closer.exec(line);
    if (!close) continue;
    parts.push([offset + last, line.slice(last, open.index)]);
    last = close.index + close[0].length;
    runs.lastIndex = last;
  }
  parts.push([offset + last, line.slice(last)]);
  return parts;
}

function scanSegment(scan: BodyScan, segment: string, offset: number, inRaw: boolean, maxTags: number): boolean {
  let position = 0;
  while (position <= segment.length) {
    if (inRaw) {
      rawClose.lastIndex = position;
      const close = rawClose.exec(segment);
      if (!close) return true;
      position = close.index + close[0].length;
      inRaw = false;
      continue;
    }
    rawOpen.lastIndex = position;
    const open = rawOpen.exec(segment);
    const end = open ? open.index : segment.length;
    scanPlain(scan, segment.slice(position, end), offset + position, maxTags);
    if (!open) return false;
    position = open.index + open[0].length;
    inRaw = true;
  }
  return inRaw;
}

function scanPlain(scan: BodyScan, part: string, offset: number, maxTags: number): void {
  if (part.length === 0) return;
  if (!scan.firstMath && (part.includes('$') || part.includes('\\'))) {
    mathPattern.lastIndex = 0;
    const math = mathPattern.exec(part);
    if (math) scan.firstMath = { start: offset + math.index, end: offset + math.index + math[0].length };
  }
  if (part.includes('{%') && scan.tags.length < maxTags) {
    tagPattern.lastIndex = 0;
    for (let tag = tagPattern.exec(part); tag && scan.tags.length < maxTags; tag = tagPattern.exec(part)) {
      const nameStart = offset + tag.index + tag[0].indexOf(tag[1]);
      scan.tags.push({ name: tag[1], start: nameStart, end: nameStart + tag[1].length });
    }
  }
  if ((part.includes('{{') || part.includes('{#')) && scan.nunjucks.length < maxTags) {
    nunjucksPattern.lastIndex = 0;
    for (let found = nunjucksPattern.exec(part); found && scan.nunjucks.length < maxTags; found = nunjucksPattern.exec(part)) {
      scan.nunjucks.push({ start: offset + found.index, end: offset + found.index + 2, opener: found[0] as '{{' | '{#' });
    }
  }
}
