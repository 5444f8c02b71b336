/**
 * A Vite plugin that puts MapLibre's own prebuilt files (maplibre-gl.mjs and
 * its worker) into the build as they are, as `_astro/maplibre-gl.<hash>.js`
 * and `_astro/maplibre-gl-worker.<hash>.js`, and gives map-client.ts their
 * URLs through `virtual:maplibre-files`.
 *
 * Why not let Vite bundle them: re-bundling and re-minifying 1.6 MB of
 * already minified code cost every build about 150 MB of memory and a second,
 * for the same bytes. Why not `?url`: that keeps the `.mjs` extension, which
 * stock nginx serves as application/octet-stream, and browsers refuse to run
 * a module with that type. In `astro dev` the files are served from
 * node_modules by Vite itself.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const MODULE_ID = 'virtual:maplibre-files';
const RESOLVED_ID = `\0${MODULE_ID}`;

const require = createRequire(import.meta.url);
const FILES = {
  maplibreUrl: { path: require.resolve('maplibre-gl/dist/maplibre-gl.mjs'), name: 'maplibre-gl.js' },
  workerUrl: { path: require.resolve('maplibre-gl/dist/maplibre-gl-worker.mjs'), name: 'maplibre-gl-worker.js' },
};

export default function maplibreFiles(): Plugin {
  let serving = false;
  return {
    name: 'red-routes:maplibre-files',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    resolveId(id) {
      return id === MODULE_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      return Object.entries(FILES)
        .map(([exported, file]) => {
          if (serving) return `export const ${exported} = ${JSON.stringify(`/@fs${file.path}`)};`;
          const ref = this.emitFile({ type: 'asset', name: file.name, source: readFileSync(file.path) });
          return `export const ${exported} = import.meta.ROLLDOWN_FILE_URL_${ref};`;
        })
        .join('\n');
    },
  };
}
