// Regenerates src/gen/ from tidings.proto with protobufjs-cli (static code, numbers for 64-bit ints).
// `npm run gen:check` runs this and fails on `git diff`, so the committed code cannot drift.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, '..', 'node_modules', '.bin', name)
const out = join(root, 'src', 'gen')
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
