/**
 * The parts of Apache ECharts that the charts use, in one module. `npm run build:js` replaces
 * its compiled form (dist/render/chart/echartsParts.js) with one bundled file that holds them
 * (scripts/vendorEcharts.ts, esbuild): ECharts' ES modules are some 400 files, and loading them
 * one by one took about 0.5 s of every render thread's start; the bundle loads in 0.05 s.
 */
import * as echarts from 'echarts/core';

export { echarts };
export { BarChart, LineChart } from 'echarts/charts';
export { GridComponent } from 'echarts/components';
export { SVGRenderer } from 'echarts/renderers';
