/**
 * The output formats of `mathpost check` beyond plain text: GitHub Actions workflow commands (annotations on the
 * pull request) and SARIF 2.1.0 (GitHub code scanning and other SARIF viewers). Pure functions of the results.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allDiagnosticDocs, diagnosticDoc } from '../core/diagnosticCatalogue';
import type { CoreDiagnostic } from '../core/text';

/** One problem as `check` reports it: 0-based line and UTF-16 character, end exclusive (the JSON format). */
export interface CheckResult {
  /** Relative to the working folder when the file is inside it, with the platform's separators. */
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: CoreDiagnostic['severity'];
  code: string;
  message: string;
}

/** `file:line:col severity code message`, one per line, like a compiler (the `$mathpost` problem matcher reads it). */
export function formatText(results: readonly CheckResult[]): string {
  return results
    .map(
      (result) =>
        `${result.file}:${result.range.start.line + 1}:${result.range.start.character + 1} ${result.severity} ${result.code} ${result.message.replace(/\r?\n/g, ' ')}\n`,
    )
    .join('');
}

/** Workflow-command data: `%`, CR and LF escaped exactly as @actions/core's `escapeData` (command.ts). */
export function escapeWorkflowData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property values: the data escapes plus `:` and `,` (@actions/core's `escapeProperty`). */
export function escapeWorkflowProperty(text: string): string {
  return escapeWorkflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const WORKFLOW_COMMAND: Record<CheckResult['severity'], 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

/**
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`, 1-based lines and columns, the end
 * column exclusive as in SARIF. GitHub accepts columns only for a one-line annotation, so a range over several
 * lines gives `line` and `endLine` alone.
 */
export function formatGitHub(results: readonly CheckResult[]): string {
  return results
    .map((result) => {
      const { start, end } = result.range;
      const properties: Array<[string, string | number]> = [
        ['file', result.file.replace(/\\/g, '/')],
        ['line', start.line + 1],
      ];
      if (start.line === end.line) properties.push(['col', start.character + 1], ['endLine', end.line + 1], ['endColumn', end.character + 1]);
      else properties.push(['endLine', end.line + 1]);
      properties.push(['title', result.code]);
      const rendered = properties.map(([key, value]) => `${key}=${escapeWorkflowProperty(String(value))}`).join(',');
      return `::${WORKFLOW_COMMAND[result.severity]} ${rendered}::${escapeWorkflowData(result.message)}\n`;
    })
    .join('');
}

const SARIF_LEVEL: Record<CheckResult['severity'], 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** The base every relative artifact URI is resolved against: the folder `check` ran in. */
const SOURCE_ROOT = '%SRCROOT%';

export interface SarifOptions {
  version: string;
  /** Absolute path of the working folder (what `CheckResult.file` is relative to). */
  workingFolder: string;
}

/**
 * A SARIF 2.1.0 log with one run: a rule per diagnostic code (summary and help from the catalogue that also
 * writes docs/diagnostics.md) and one result per problem. Regions are 1-based with an exclusive end column in
 * UTF-16 code units, which the run states as its `columnKind`. No `informationUri`: there is no public home yet.
 */
export function formatSarif(results: readonly CheckResult[], options: SarifOptions): string {
  const codes = [...allDiagnosticDocs().map((doc) => doc.code)];
  for (const result of results) if (!codes.includes(result.code)) codes.push(result.code);
  const rules = codes.map((code) => {
    const doc = diagnosticDoc(code);
    if (!doc) return { id: code };
    return {
      id: code,
      shortDescription: { text: doc.summary.en },
      fullDescription: { text: doc.help.en },
      help: { text: doc.help.en, markdown: `**${doc.summary.en}.** ${doc.help.en}` },
    };
  });
  const log = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Mathpost', version: options.version, rules } },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: folderUri(options.workingFolder) } },
        columnKind: 'utf16CodeUnits',
        results: results.map((result) => ({
          ruleId: result.code,
          ruleIndex: codes.indexOf(result.code),
          level: SARIF_LEVEL[result.severity],
          message: { text: result.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(result.file, options.workingFolder),
                region: {
                  startLine: result.range.start.line + 1,
                  startColumn: result.range.start.character + 1,
                  endLine: result.range.end.line + 1,
                  endColumn: result.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** A relative path becomes a percent-encoded URI reference under %SRCROOT%; a path outside it, a file: URI. */
function artifactLocation(file: string, workingFolder: string): { uri: string; uriBaseId?: string } {
  const segments = file.split(/[\\/]/);
  if (isAbsolute(file) || segments[0] === '..') return { uri: pathToFileURL(resolve(workingFolder, file)).href };
  return { uri: segments.map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}
