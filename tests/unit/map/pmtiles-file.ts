/**
 * Writes a small PMTiles v3 archive (uncompressed directory and metadata,
 * one tile per entry) for tests: enough for the basemap reader at build time
 * and for the pmtiles protocol in a browser.
 */

export interface TileEntry {
  /** Hilbert tile id: 0 is z0, 1–4 are z1, … */
  tileId: number;
  data: Uint8Array;
}

export interface PmtilesOptions {
  /** 1 MVT, 2 PNG, 3 JPEG, 4 WebP. */
  tileType: number;
  minZoom?: number;
  maxZoom: number;
  metadata?: Record<string, unknown>;
  /** [west, south, east, north] */
  bounds?: [number, number, number, number];
}

function varints(values: number[]): number[] {
  const out: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  }
  return out;
}

/**
 * @example
 * writePmtiles([{ tileId: 0, data: png }], { tileType: 2, maxZoom: 0 }) // Uint8Array starting with "PMTiles"
 */
export function writePmtiles(tiles: TileEntry[], options: PmtilesOptions): Uint8Array {
  const sorted = [...tiles].sort((a, b) => a.tileId - b.tileId);
  let offset = 0;
  const offsets = sorted.map((t) => {
    const at = offset;
    offset += t.data.length;
    return at;
  });
  const directory = Uint8Array.from(
    varints([
      sorted.length,
      ...sorted.map((t, i) => t.tileId - (i > 0 ? sorted[i - 1].tileId : 0)),
      ...sorted.map(() => 1),
      ...sorted.map((t) => t.data.length),
      // Offset + 1, or 0 for "right after the previous tile".
      ...sorted.map((_, i) => (i > 0 ? 0 : offsets[i] + 1)),
    ]),
  );
  const metadata = new TextEncoder().encode(JSON.stringify(options.metadata ?? {}));
  const tileBytes = offset;
  const headerLength = 127;
  const buffer = new Uint8Array(headerLength + directory.length + metadata.length + tileBytes);
  const view = new DataView(buffer.buffer);
  buffer.set(new TextEncoder().encode('PMTiles'), 0);
  buffer[7] = 3;
  const u64 = (at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
  u64(8, headerLength);
  u64(16, directory.length);
  u64(24, headerLength + directory.length);
  u64(32, metadata.length);
  u64(40, 0);
  u64(48, 0);
  u64(56, headerLength + directory.length + metadata.length);
  u64(64, tileBytes);
  u64(72, sorted.length);
  u64(80, sorted.length);
  u64(88, sorted.length);
  buffer[96] = 1; // clustered
  buffer[97] = 1; // internal compression: none
  buffer[98] = 1; // tile compression: none
  buffer[99] = options.tileType;
  buffer[100] = options.minZoom ?? 0;
  buffer[101] = options.maxZoom;
  const [w, s, e, n] = options.bounds ?? [-180, -85, 180, 85];
  view.setInt32(102, Math.round(w * 1e7), true);
  view.setInt32(106, Math.round(s * 1e7), true);
  view.setInt32(110, Math.round(e * 1e7), true);
  view.setInt32(114, Math.round(n * 1e7), true);
  buffer[118] = options.minZoom ?? 0;
  view.setInt32(119, Math.round(((w + e) / 2) * 1e7), true);
  view.setInt32(123, Math.round(((s + n) / 2) * 1e7), true);
  buffer.set(directory, headerLength);
  buffer.set(metadata, headerLength + directory.length);
  let at = headerLength + directory.length + metadata.length;
  for (const t of sorted) {
    buffer.set(t.data, at);
    at += t.data.length;
  }
  return buffer;
}
