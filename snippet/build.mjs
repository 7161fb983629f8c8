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
import { minify } from 'terser'

const here = dirname(fileURLToPath(import.meta.url))
const staticDir = join(here, '..', 'ingest_server', 'static')
const check = process.argv.includes('--check')

const assets = [
  // Size budget: gzip -9 of the built tracker (ARCHITECTURE.md). Terser renames
  // the variables esbuild left, picking letters by frequency: ~12 B gzip less.
  { source: 'src/tracker.js', output: 't.js', gzipBudget: 1536, terser: true },
  // The dashboard widget bundles uPlot; built only once its source exists.
  { source: 'src/widget.js', output: 'widget.js', optional: true },
]

const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length
const brotliSize = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }).length

const bundle = async (asset) => {
  const result = await build({
    entryPoints: [join(here, asset.source)],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    charset: 'utf8',
    loader: { '.css': 'text' },
    write: false,
    logLevel: 'silent',
  })
  // A warning (e.g. `!x in y`) is a bug in a file this small: fail on it.
  if (result.warnings.length) throw new Error(`${asset.source}: esbuild warnings:\n${JSON.stringify(result.warnings, null, 2)}`)
  let code = result.outputFiles[0].text
  if (asset.terser) code = (await minify(code, { ecma: 2020, compress: false, mangle: true })).code + '\n'
  return Buffer.from(code)
}

let failed = false
for (const asset of assets) {
  if (asset.optional && !existsSync(join(here, asset.source))) continue
  const built = await bundle(asset)
  const output = join(staticDir, asset.output)
  const shown = relative(process.cwd(), output)

  if (check) {
    const committed = existsSync(output) ? readFileSync(output) : null
    if (!committed?.equals(built)) {
      console.error(`${shown} differs from what ${asset.source} builds: run \`node snippet/build.mjs\` and commit it`)
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
