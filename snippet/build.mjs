// Builds the browser assets into ingest_server/static, which the Python
// package ships and serves (so a pip-installed server needs no Node.js).
//
//   node build.mjs          build, print sizes, fail when t.js is over budget
//   node build.mjs --check  build in memory, fail when the committed files differ
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const here = dirname(fileURLToPath(import.meta.url))
const staticDir = join(here, '..', 'ingest_server', 'static')
const check = process.argv.includes('--check')

const assets = [
  // Size budget: gzip -9 of the minified tracker. See ARCHITECTURE.md.
  { source: 'src/tracker.js', output: 't.js', gzipBudget: 1536 },
  // The dashboard widget bundles uPlot; built only once its source exists.
  { source: 'src/widget.js', output: 'widget.js', optional: true },
]

const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length
const brotliSize = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }).length

let failed = false
for (const asset of assets) {
  const source = join(here, asset.source)
  if (asset.optional && !existsSync(source)) continue
  const result = await build({
    entryPoints: [source],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    charset: 'utf8',
    loader: { '.css': 'text' },
    write: false,
    logLevel: 'warning',
  })
  const built = result.outputFiles[0].contents
  const output = join(staticDir, asset.output)
  const shown = relative(process.cwd(), output)

  if (check) {
    const committed = existsSync(output) ? readFileSync(output) : null
    if (!committed || !committed.equals(built)) {
      console.error(`${shown} is out of date with ${asset.source}: run \`node snippet/build.mjs\` and commit it`)
      failed = true
    }
  } else {
    writeFileSync(output, built)
  }

  const gzip = gzipSize(built)
  console.log(`${shown}: ${built.length} B minified, ${gzip} B gzip -9, ${brotliSize(built)} B brotli -11`)
  if (asset.gzipBudget && gzip > asset.gzipBudget) {
    console.error(`${shown} is over its size budget: ${gzip} B gzip > ${asset.gzipBudget} B`)
    failed = true
  }
}
process.exit(failed ? 1 : 0)
