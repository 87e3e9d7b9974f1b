// Builds the widget (dist/callback.js), the Desktop SDK it loads inside the Desktop
// (dist/desktop-sdk.js, an ES module: Cisco's file as published, wrapped, see sdkModule
// below), the desktop simulator (dist/simulator.js), and the supervisor console
// (dist/console.js) with the charts its dashboard loads (dist/console-charts.js, an ES
// module holding uPlot).
//
//   node build.mjs                 build into dist/
//   node build.mjs --outdir=DIR    build into DIR (used by `make widget-check`)
//   node build.mjs --report        also print bundle sizes, minified and gzipped
//   node build.mjs --budget        fail (exit 1) when the widget is over its size budget:
//                                  its own code (without Lit) 25 KB gzipped, the whole
//                                  callback.js 110 KB gzipped (issue 9; `make widget` and
//                                  `make widget-check` pass it)
//
// The output is deterministic: the same sources and lock file give the same bytes.
import * as esbuild from 'esbuild';
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outdir = (args.find((a) => a.startsWith('--outdir=')) || '--outdir=' + join(here, 'dist')).slice('--outdir='.length);
const report = args.includes('--report');
const budget = args.includes('--budget');

/** The widget's size budgets, in gzipped bytes (level 9, as the server sends it). */
const BUDGETS = { own: 25 * 1024, whole: 110 * 1024 };
const gzipped = (buf) => gzipSync(buf, { level: 9 }).length;

const common = {
  absWorkingDir: here,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome100', 'firefox100', 'safari15', 'edge100'],
  legalComments: 'eof',
  charset: 'utf8',
  logLevel: 'warning',
  sourcemap: false,
  define: { 'process.env.NODE_ENV': '"production"' },
};

const builds = [
  { entryPoints: ['src/callback.ts'], outfile: join(outdir, 'callback.js') },
  { entryPoints: ['simulator/main.ts'], outfile: join(outdir, 'simulator.js') },
  { entryPoints: ['console/main.ts'], outfile: join(outdir, 'console.js') },
  { entryPoints: ['console/charts.ts'], outfile: join(outdir, 'console-charts.js'), format: 'esm', loader: { '.css': 'text' } },
];

for (const b of builds) await esbuild.build({ ...common, ...b });

// dist/desktop-sdk.js, served as /assets/desktop-sdk.js: Cisco's Desktop SDK as an ES module
// whose export is Desktop, which the widget imports only inside the Desktop. The package
// (@wxcc-desktop/sdk) publishes one file, dist/index.js, a UMD bundle that webpack has
// already built and minified, with everything it needs inside: Luxon, i18next and its HTTP
// backend and language detector, Axios, a fetch polyfill, uuid, event-emitter and Cisco's
// own platform SDK (@uuip/unified-ui-platform-sdk). Nothing in it can be left out without
// changing Cisco's code, and esbuild can't see inside it (its metafile shows one input).
// Bundling it again with esbuild's minifier only renames every identifier of that file and
// makes it larger: 85.4 KB gzipped against 80.7 KB for the file as published. So the file
// is taken byte for byte and wrapped the way a bundler wraps a CommonJS module (its UMD
// header sees `module` and `exports` and assigns module.exports; `this` is exports; the
// module code runs in strict mode, as it did inside esbuild's ES module).
function sdkModule() {
  const require = createRequire(join(here, 'package.json'));
  const main = require.resolve('@wxcc-desktop/sdk');
  const { version } = JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8'));
  const code = readFileSync(main, 'utf8');
  const licenseFile = main + '.LICENSE.txt';
  const license = existsSync(licenseFile) ? ' Its index.js.LICENSE.txt: ' + readFileSync(licenseFile, 'utf8').trim().replace(/^\/\*!?\s*|\s*\*\/$/g, '').replaceAll('*/', '* /') : '';
  return (
    `/*! @wxcc-desktop/sdk ${version}, dist/index.js as published, as an ES module.${license} */\n` +
    'const m={exports:{}};(function(exports,module){\n' +
    code +
    '\n}).call(m.exports,m.exports,m);export const Desktop=m.exports.Desktop;\n'
  );
}
mkdirSync(outdir, { recursive: true });
writeFileSync(join(outdir, 'desktop-sdk.js'), sdkModule());

// The widget's own code: the same entry with Lit left out (the Desktop SDK is a file of its own).
const ownCode = async () => Buffer.from((await esbuild.build({ ...common, entryPoints: ['src/callback.ts'], write: false, external: ['lit', 'lit/*'], format: 'esm' })).outputFiles[0].contents);

if (report) {
  const size = (buf) => `${(buf.length / 1024).toFixed(1)} KB min, ${(gzipped(buf) / 1024).toFixed(1)} KB min+gzip`;
  const whole = readFileSync(join(outdir, 'callback.js'));
  const own = await ownCode();
  const litOnly = await esbuild.build({
    ...common,
    stdin: { contents: "export * from 'lit'; export * from 'lit/directives/repeat.js';", resolveDir: here },
    write: false,
    format: 'esm',
  });
  console.log('callback.js whole file:   ' + size(whole));
  console.log('  widget own code:        ' + size(own));
  console.log('  lit (for reference):    ' + size(Buffer.from(litOnly.outputFiles[0].contents)));
  const sdk = readFileSync(join(outdir, 'desktop-sdk.js'));
  console.log('desktop-sdk.js:           ' + size(sdk) + ' (loaded inside the Desktop only)');
  console.log('  with callback.js:       ' + ((gzipped(whole) + gzipped(sdk)) / 1024).toFixed(1) + ' KB min+gzip (what the Desktop downloads, the SDK cached across widget releases)');
  console.log('simulator.js:             ' + size(readFileSync(join(outdir, 'simulator.js'))));
  // The console: the whole file, and what it is made of (minified bytes of each part in it).
  const con = await esbuild.build({ ...common, entryPoints: ['console/main.ts'], write: false, metafile: true });
  console.log('console.js whole file:    ' + size(readFileSync(join(outdir, 'console.js'))));
  const parts = {};
  for (const [file, { bytesInOutput }] of Object.entries(Object.values(con.metafile.outputs)[0].inputs)) {
    const m = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const part = m ? m[1] : file.startsWith('console/') ? 'console (own code)' : 'src (shared with the widget)';
    parts[part] = (parts[part] || 0) + bytesInOutput;
  }
  for (const [part, n] of Object.entries(parts).sort((a, b) => b[1] - a[1])) console.log('  ' + (part + ':').padEnd(30) + (n / 1024).toFixed(1) + ' KB min');
  const conOwn = await esbuild.build({ ...common, entryPoints: ['console/main.ts'], write: false, external: ['lit', 'lit/*'], format: 'esm' });
  console.log('  without lit:                 ' + size(Buffer.from(conOwn.outputFiles[0].contents)));
  console.log('console-charts.js:        ' + size(readFileSync(join(outdir, 'console-charts.js'))) + ' (uPlot; loaded by the dashboard only)');
}

if (budget) {
  const figures = { own: gzipped(await ownCode()), whole: gzipped(readFileSync(join(outdir, 'callback.js'))) };
  const names = { own: "the widget's own code (without Lit)", whole: 'callback.js' };
  let over = false;
  for (const k of Object.keys(BUDGETS)) {
    const line = `${names[k]}: ${(figures[k] / 1024).toFixed(1)} KB gzipped, budget ${(BUDGETS[k] / 1024).toFixed(0)} KB`;
    if (figures[k] >= BUDGETS[k]) {
      over = true;
      console.error('OVER BUDGET: ' + line);
    } else console.log('within budget: ' + line);
  }
  if (over) process.exit(1);
}
