/** URLs of MapLibre's prebuilt files in the built site (src/integrations/maplibre-files.ts). */
declare module 'virtual:maplibre-files' {
  export const maplibreUrl: string;
  export const workerUrl: string;
}
