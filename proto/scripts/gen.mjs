// Regenerates src/gen/ from tidings.proto with protobufjs-cli (static code, numbers for 64-bit ints).
// `--check` generates into a temporary folder and fails if the committed code differs. It must
// never write src/gen itself: turbo typechecks the other packages against those files meanwhile.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, '..', 'node_modules', '.bin', name)
const committed = join(root, 'src', 'gen')
const check = process.argv.includes('--check')
const out = check ? mkdtempSync(join(tmpdir(), 'tidings-proto-gen-')) : committed
const header =
  '// DO NOT EDIT. Generated from proto/tidings.proto by `npm run proto:gen`.\n/* eslint-disable */\n'

mkdirSync(out, { recursive: true })
const js = join(out, 'tidings.js')
const dts = join(out, 'tidings.d.ts')
execFileSync(
  bin('pbjs'),
  [
    '-t',
    'static-module',
    '-w',
    'es6',
    '--force-number',
    '--no-verify',
    '--no-convert',
    '--no-delimited',
    '--no-beautify',
    '-o',
    js,
    join(root, 'tidings.proto'),
  ],
  { stdio: 'inherit' },
)
execFileSync(bin('pbts'), ['--no-comments', '-o', dts, js], { stdio: 'inherit' })
for (const file of [js, dts]) {
  // pbjs' ES6 wrapper does `import * as $protobuf from "protobufjs/minimal"`: Node ESM needs the
  // file extension, and a CommonJS module's exports arrive as its default export.
  const text = readFileSync(file, 'utf8')
    .replace(
      'import * as $protobuf from "protobufjs/minimal"',
      'import $protobuf from "protobufjs/minimal.js"\n\n' +
        '// 64-bit fields as plain numbers (seqs and timestamps stay below 2^53). Must run before the\n' +
        '// prototype defaults below are built, so it lives here rather than in hand-written code.\n' +
        '$protobuf.util.Long = undefined;\n$protobuf.configure();',
    )
    .replace('"protobufjs/minimal"', '"protobufjs/minimal.js"')
  writeFileSync(file, header + text.replace(/^\/\*eslint-disable[^\n]*\n/, ''))
}

if (check) {
  const stale = ['tidings.js', 'tidings.d.ts'].filter(
    (name) => readFileSync(join(out, name), 'utf8') !== readFileSync(join(committed, name), 'utf8'),
  )
  rmSync(out, { recursive: true, force: true })
  if (stale.length > 0) {
    process.stderr.write(
      `proto/src/gen is stale (${stale.join(', ')}): run \`npm run proto:gen\` and commit\n`,
    )
    process.exit(1)
  }
  process.stdout.write('proto/src/gen matches tidings.proto\n')
}
