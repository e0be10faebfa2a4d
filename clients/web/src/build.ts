import { copyFile, mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = resolve(import.meta.dirname, '..')

/** Bundles one browser entry point (ES2022, ESM); `buffer` resolves to the npm polyfill, mqtt to its browser build. */
export async function bundle(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    minify: true,
    logLevel: 'warning',
  })
}

/** Writes the web client (index.html + main.js) into `outdir`. */
export async function buildWebClient(outdir: string): Promise<string> {
  await mkdir(outdir, { recursive: true })
  await bundle(join(root, 'src', 'main.ts'), join(outdir, 'main.js'))
  await copyFile(join(root, 'index.html'), join(outdir, 'index.html'))
  return outdir
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outdir = resolve(process.argv[2] ?? join(root, 'dist'))
  await buildWebClient(outdir)
  console.log(`built ${outdir}`)
}
