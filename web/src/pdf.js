// pdf.js (pdfjs-dist from npm), bundled by Vite and served by kfq like the rest of the app: the
// library, its worker (an asset of the build) and the character maps, standard fonts and
// image decoders the build copies to /pdfjs/ (vite.config.js). Nothing comes from a CDN. Loaded
// only when a PDF is previewed (import('./pdf.js')).
import * as pdfjs from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl

// Opens a PDF from its bytes (an ArrayBuffer). isEvalSupported off: the page's CSP allows no eval.
export function openPdf(data) {
  return pdfjs.getDocument({
    data,
    isEvalSupported: false,
    cMapUrl: '/pdfjs/cmaps/',
    cMapPacked: true,
    standardFontDataUrl: '/pdfjs/standard_fonts/',
    wasmUrl: '/pdfjs/wasm/',
  }).promise
}
