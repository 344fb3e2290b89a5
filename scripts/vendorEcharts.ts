// Bundles the parts of Apache ECharts the charts use (src/render/chart/echartsParts.ts) into one
// file, in place of tsc's output dist/render/chart/echartsParts.js, with esbuild. Why: ECharts
// and zrender ship some 400 ES modules; Node resolves and loads each one, which took about
// 0.5 s of every render thread's start (measured: `import` of the four entry points 490–590 ms,
// of the bundle 40–150 ms, on this machine under load). The bundle is ECharts' own code,
// unchanged apart from esbuild joining the modules; the package then needs neither echarts nor
// zrender at run time (both devDependencies), and ships their licences in dist/vendor/.
// Run by `npm run build:js`, after tsc.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { assertSelfContained } from './vendoring.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const target = join(root, 'dist', 'render', 'chart', 'echartsParts.js');
const vendor = join(root, 'dist', 'vendor');
const require = createRequire(import.meta.url);

const versionOf = (name: string): string =>
  (require(`${name}/package.json`) as { version: string }).version;

const result = await build({
  entryPoints: [join(root, 'src', 'render', 'chart', 'echartsParts.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  write: false,
  legalComments: 'eof',
  logLevel: 'warning',
});
const [bundle] = result.outputFiles;
if (bundle === undefined) throw new Error('esbuild wrote no bundle of echartsParts.ts');
// the bundle must stay self-contained: no import of another package at run time
assertSelfContained(bundle.text, 'the ECharts bundle');
writeFileSync(
  target,
  `// Apache ECharts ${versionOf('echarts')} (Apache License 2.0: vendor/echarts.LICENSE, ` +
    `vendor/echarts.NOTICE) with zrender ${versionOf('zrender')} (BSD 3-Clause: ` +
    `vendor/zrender.LICENSE), bundled by esbuild (scripts/vendorEcharts.ts)\n${bundle.text}`,
);
mkdirSync(vendor, { recursive: true });
const echartsDir = dirname(require.resolve('echarts/package.json'));
const zrenderDir = dirname(require.resolve('zrender/package.json'));
copyFileSync(join(echartsDir, 'LICENSE'), join(vendor, 'echarts.LICENSE'));
copyFileSync(join(echartsDir, 'NOTICE'), join(vendor, 'echarts.NOTICE'));
copyFileSync(join(zrenderDir, 'LICENSE'), join(vendor, 'zrender.LICENSE'));
// the declarations stay tsc's: they name the types of echarts/core, which only development needs
const declarations = join(root, 'dist', 'render', 'chart', 'echartsParts.d.ts');
if (!readFileSync(declarations, 'utf8').includes('echarts'))
  throw new Error('dist/render/chart/echartsParts.d.ts is not what tsc wrote');
