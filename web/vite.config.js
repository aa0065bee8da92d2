// Vite config of the kfq web console. Everything is bundled (no CDN): Vue, Element Plus with its
// zh-cn locale, the icons and ECharts; element-plus and echarts go to chunks of their own.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
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
