/** Small helpers to put user text into hover markdown safely. */

/**
 * Escapes the markdown punctuation that can change how user text (labels, names, messages)
 * renders inline or splits a table cell. Line-start syntax (#, -, 1.) cannot occur where we put it.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&$]/g, (ch) => '\\' + ch);
}

/** An inline code span that survives backticks in the text. */
export function codeSpan(text: string): string {
  const single = text.replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(single.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = single.startsWith('`') || single.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${single}${pad}${fence}`;
}

/** A table cell: escaped, and `|` cannot split the row. */
export function cell(text: string): string {
  return escapeMarkdown(text);
}

export function shorten(text: string, limit = 40): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > limit ? single.slice(0, limit - 1) + '…' : single;
}
