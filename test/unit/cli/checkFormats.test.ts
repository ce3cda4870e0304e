import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { escapeWorkflowData, escapeWorkflowProperty, formatGitHub, type CheckResult } from '../../../src/cli/checkFormats';
import { diagnosticDoc } from '../../../src/core/diagnosticCatalogue';
import { exampleBlogCopy, repoRoot, runBuiltCli, TRICKY_LINE, TRICKY_POST } from './helpers';

/** The official SARIF 2.1.0 schema, vendored (see test/fixtures/sarif/README.md for where it comes from). */
function sarifValidator() {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/sarif/sarif-2.1.0.json'), 'utf8')));
}

/** Undoes @actions/toolkit's escaping, as the runner does when it reads a workflow command. */
const unescapeWorkflow = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

/** Parses `::command key=value,…::message` the way the runner splits it. */
function parseWorkflowCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const match = /^::([a-z]+) ([^:]*)::(.*)$/.exec(line);
  assert.ok(match, `not a workflow command: ${line}`);
  const properties: Record<string, string> = {};
  for (const pair of match[2].split(',')) {
    const equals = pair.indexOf('=');
    properties[pair.slice(0, equals)] = unescapeWorkflow(pair.slice(equals + 1));
  }
  return { command: match[1], properties, message: unescapeWorkflow(match[3]) };
}

interface SarifLog {
  runs: Array<{
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri?: string;
        rules: Array<{ id: string; shortDescription?: { text: string }; fullDescription?: { text: string }; help?: { text: string } }>;
      };
    };
    columnKind: string;
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId?: string };
          region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
      }>;
    }>;
  }>;
}

describe('mathpost check --format sarif|github (CI formats)', function () {
  this.timeout(30_000);
  let copy: ReturnType<typeof exampleBlogCopy>;
  let json: CheckResult[];

  before(() => {
    copy = exampleBlogCopy();
    const run = runBuiltCli(['check', '.', '--format', 'json'], copy.blog);
    assert.equal(run.status, 1, run.stderr);
    json = JSON.parse(run.stdout);
    assert.ok(
      json.some((result) => result.file === TRICKY_POST),
      'the tricky post has a problem',
    );
  });
  after(() => copy.dispose());

  it('writes SARIF that validates against the official SARIF 2.1.0 schema', () => {
    const run = runBuiltCli(['check', '.', '--format', 'sarif'], copy.blog);
    assert.equal(run.status, 1, 'errors still fail the step');
    const validate = sarifValidator();
    const log = JSON.parse(run.stdout);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 1));
  });

  it('has one rule per code with the catalogue’s help, and one result per problem with its region', () => {
    const log: SarifLog = JSON.parse(runBuiltCli(['check', '.', '--format', 'sarif'], copy.blog).stdout);
    const [run] = log.runs;
    const { driver } = run.tool;
    assert.equal(driver.name, 'Mathpost');
    assert.equal(driver.version, JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
    assert.ok(!('informationUri' in driver), 'no informationUri while there is no public home');
    const ids = driver.rules.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length, 'one rule per code');
    for (const rule of driver.rules) {
      const doc = diagnosticDoc(rule.id);
      assert.ok(doc, `${rule.id} is documented`);
      assert.equal(rule.shortDescription?.text, doc.summary.en);
      assert.equal(rule.fullDescription?.text, doc.help.en);
      assert.equal(rule.help?.text, doc.help.en);
    }
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.results.length, json.length);
    const root = run.originalUriBaseIds['%SRCROOT%'].uri;
    run.results.forEach((result, i) => {
      const expected = json[i];
      assert.equal(result.ruleId, expected.code);
      assert.equal(driver.rules[result.ruleIndex].id, expected.code);
      assert.equal(result.level, { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[expected.severity]);
      assert.equal(result.message.text, expected.message);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      assert.equal(fileURLToPath(new URL(artifactLocation.uri, root)), join(copy.blog, expected.file), 'the uri resolves to the file');
      assert.deepEqual(region, {
        startLine: expected.range.start.line + 1,
        startColumn: expected.range.start.character + 1,
        endLine: expected.range.end.line + 1,
        endColumn: expected.range.end.character + 1,
      });
    });
  });

  it('counts columns in UTF-16 code units, percent-encodes the file name', () => {
    const log: SarifLog = JSON.parse(runBuiltCli(['check', '.', '--format', 'sarif'], copy.blog).stdout);
    const result = log.runs[0].results.find((candidate) => decodeURIComponent(candidate.locations[0].physicalLocation.artifactLocation.uri) === TRICKY_POST);
    assert.ok(result);
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    assert.equal(artifactLocation.uri, 'source/_posts/%E4%B8%AD%E6%96%87%20%E7%AC%94%E8%AE%B0%2C%20v1%3A%20%E8%8D%89%E7%A8%BF.md');
    const closingDollar = TRICKY_LINE.lastIndexOf('$');
    assert.equal(region.startColumn, closingDollar + 1, 'UTF-16 index + 1');
    assert.notEqual(region.startColumn, Array.from(TRICKY_LINE.slice(0, closingDollar)).length + 1, 'not code points: the emoji counts twice');
  });

  it('writes one GitHub workflow command per problem, with 1-based positions', () => {
    const run = runBuiltCli(['check', '.', '--format', 'github'], copy.blog);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^4 file\(s\) checked: \d+ error\(s\)/, 'the summary stays on stderr');
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, json.length);
    lines.forEach((line, i) => {
      const expected = json[i];
      const command = parseWorkflowCommand(line);
      assert.equal(command.command, { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' }[expected.severity]);
      assert.deepEqual(command.properties, {
        file: expected.file,
        line: String(expected.range.start.line + 1),
        col: String(expected.range.start.character + 1),
        endLine: String(expected.range.end.line + 1),
        endColumn: String(expected.range.end.character + 1),
        title: expected.code,
      });
      assert.equal(command.message, expected.message);
    });
    const tricky = lines.find((line) => line.includes('草稿'));
    assert.ok(
      tricky?.startsWith('::error file=source/_posts/中文 笔记%2C v1%3A 草稿.md,line=7,col=20,endLine=7,endColumn=21,title=math.parse-error::'),
      tricky,
    );
  });

  it('escapes workflow-command data and properties exactly as @actions/core does', () => {
    assert.equal(escapeWorkflowData('100% done:\r\nnext, then'), '100%25 done:%0D%0Anext, then');
    assert.equal(escapeWorkflowProperty('a%b:c,d\r\ne'), 'a%25b%3Ac%2Cd%0D%0Ae');
    assert.equal(escapeWorkflowProperty('%3A'), '%253A', '% first, so an escape in the input survives');
    const line = formatGitHub([
      {
        file: 'posts/a:b,c%.md',
        range: { start: { line: 0, character: 0 }, end: { line: 2, character: 4 } },
        severity: 'hint',
        code: 'kl.nan',
        message: 'two\nlines, 50%: done',
      },
    ]);
    assert.equal(line, '::notice file=posts/a%3Ab%2Cc%25.md,line=1,endLine=3,title=kl.nan::two%0Alines, 50%25: done\n');
    const parsed = parseWorkflowCommand(line.trimEnd());
    assert.equal(parsed.properties.file, 'posts/a:b,c%.md');
    assert.equal(parsed.message, 'two\nlines, 50%: done');
    assert.ok(!('col' in parsed.properties), 'GitHub takes columns only for a one-line range');
  });
});
