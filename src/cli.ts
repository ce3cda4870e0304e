/**
 * `mathpost` command line: the same core as the extension, for whole blogs and CI.
 *   mathpost check <files or folders…> [--format text|json|github|sarif]
 *   mathpost render <post.md> [-o out.html]
 *   mathpost eval "<expression>" [--context note.md] [--format text|json] [--unit nats|bits] [--strict]
 *   mathpost new <title> [--layout post|page|draft] [--path P] [--slug S] [--replace] [--cwd DIR]
 * Exit codes: 0 fine, 1 problems found (check: errors; eval: evaluation error), 2 usage error.
 */
import { UsageError } from './cli/args';
import { fileChecker, runCheck } from './cli/check';
import { runEval } from './cli/eval';
import { NEW_HELP, runNew } from './cli/new';
import { runRender } from './cli/render';
import type { CliIo } from './cli/io';
import { nodeIo } from './cli/io';
import { CHECK_WORKER_ARGUMENT, serveCheckChunks } from './cli/parallelCheck';

export const HELP = `Usage: mathpost <command> [options]

Commands:
  check <files or folders...>   Check front matter, math and KL snippets of Hexo posts
      --format text|json|github|sarif
                                text (file:line:col severity code message), JSON, GitHub Actions
                                annotations or SARIF 2.1.0 (default: text)
      -j, --jobs <n>            threads checking the posts (default: one per core, at most 5;
                                the same output whatever the number)
  render <post.md>              Render a post to one standalone, offline HTML file
      -o, --output <file>       where to write it (default: standard output)
      --butterfly               use the Butterfly-like look
  eval "<expression>"           Evaluate a KL snippet expression, e.g. "kl([0.5,0.5],[0.9,0.1])"
      --context <note.md>       make the names defined in the note's kl blocks available
      --format text|json        (default: text)
      --unit nats|bits          unit of the value (default: nats; JSON always has both)
      --strict                  unnormalised distributions are errors, not warnings
${NEW_HELP}

Options:
  -h, --help                    show this help
  -v, --version                 show the version

Exit codes: 0 success, 1 errors found or evaluation failed, 2 usage error.`;

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        io.stderr(HELP + '\n');
        return 2;
      case '-h':
      case '--help':
      case 'help':
        io.stdout(HELP + '\n');
        return 0;
      case '-v':
      case '--version':
        io.stdout(io.version + '\n');
        return 0;
      case 'check':
        return await runCheck(rest, io);
      case 'render':
        return await runRender(rest, io);
      case 'eval':
        return await runEval(rest, io);
      case 'new':
        return await runNew(rest, io);
      default:
        throw new UsageError(`unknown command '${command}' (expected check, render, eval or new)`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`mathpost: ${error.message}\nRun 'mathpost --help' for usage.\n`);
      return 2;
    }
    io.stderr(`mathpost: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module && process.argv[2] === CHECK_WORKER_ARGUMENT && isCheckWorkerThread()) {
  // A worker thread of `mathpost check` (src/cli/parallelCheck.ts). Typed on a command line, the argument is an
  // unknown command like any other (usage error, exit 2), not a crash.
  serveCheckChunks(fileChecker(nodeIo().readFile));
} else if (require.main === module) {
  // `mathpost render post.md | head`: the reader went away, which is not an error of ours.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  main(process.argv.slice(2), { ...nodeIo(), checkWorkerFile: __filename }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`mathpost: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

function isCheckWorkerThread(): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- only for this argument: every other command starts without it
  return !(require('node:worker_threads') as typeof import('node:worker_threads')).isMainThread;
}
