// Vite config of the kfq web console. Everything is bundled (no CDN): Vue, Element Plus with its
// zh-cn locale, the icons, ECharts and pdf.js; element-plus and echarts go to chunks of their
// own, pdf.js (and its worker) to chunks loaded only when a PDF is previewed.
import { cpSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// pdf.js reads the character maps of CJK fonts, the 14 standard fonts and its image decoders
// from URLs at run time (src/pdf.js): the build copies them from the package to dist/pdfjs/.
const PDFJS_DATA = ['cmaps', 'standard_fonts', 'wasm']
function pdfjsData() {
  let outDir = 'dist'
  return {
    name: 'kfq-pdfjs-data',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      for (const dir of PDFJS_DATA) {
        const from = fileURLToPath(new URL(`./node_modules/pdfjs-dist/${dir}`, import.meta.url))
        cpSync(from, `${outDir}/pdfjs/${dir}`, { recursive: true })
      }
    },
  }
}

export default defineConfig({
  plugins: [vue(), pdfjsData()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // a group also takes the modules its own import (includeDependenciesRecursively), so
            // Vue, which the others import, is captured first
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 20 },
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus|@floating-ui|@vueuse|@ctrl|async-validator|dayjs|lodash|lodash-es|lodash-unified|memoize-one|normalize-wheel-es|@popperjs)[\\/]/, priority: 10 },
            { name: 'vue', test: /node_modules[\\/](vue|@vue|vue-router)[\\/]/, priority: 30 },
            { name: 'pdfjs', test: /node_modules[\\/]pdfjs-dist[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev` against a local `kfq serve --listen 127.0.0.1:8080`
    proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
})
