/**
 * Streets for one map: the content's roads that fall in the map's view,
 * clipped to it and simplified to its scale (Douglas–Peucker in map units,
 * which are about CSS pixels), and their names placed along the lines
 * without touching each other or anything already on the map.
 *
 * Works in the static map's own units (svg.ts's projection), so what the
 * page carries is exactly what a 420-unit map can show: a whole city's
 * roads file costs a page only the streets in its view.
 */
import type { RoadClass, RoadLayer } from '../content/basemap.ts';
import { simplify } from './geometry.ts';

/** `[x, y]` in map units, y down. */
export type Pt = [number, number];

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A street piece in view, in map units. */
export interface StreetPiece {
  name: string;
  cls: RoadClass;
  line: Pt[];
}

export interface StreetOptions {
  /** Douglas–Peucker tolerance in map units. */
  tolerance?: number;
  /** Ground metres per map unit: at overview scales only the larger roads are drawn. */
  metresPerUnit?: number;
  /** How far past the edge lines are kept, map units (so line ends do not show at the frame). */
  margin?: number;
}

/**
 * The smallest class drawn at a scale: every street at street level, only
 * primary and secondary roads on a district overview.
 *
 * @example
 * classesAt(3) // 3: residential streets too
 * classesAt(25) // 0: only motorway, trunk and primary
 */
export function classesAt(metresPerUnit: number): RoadClass {
  if (metresPerUnit > 20) return 0;
  if (metresPerUnit > 12) return 1;
  if (metresPerUnit > 7) return 2;
  return 3;
}

/**
 * The streets a map of `size` shows, clipped and simplified in map units.
 * `project` and `unproject` are the map's projection; `view` its extent in
 * degrees `[west, south, east, north]`.
 *
 * @example
 * const pieces = streetsInView(content.basemap.roads, view, { width: 420, height: 500 }, p.project);
 * pieces[0] // { name: '武康路', cls: 3, line: [[12.5, 40.1], …] }
 */
export function streetsInView(
  layer: RoadLayer,
  view: [number, number, number, number],
  size: { width: number; height: number },
  project: (point: readonly number[]) => Pt,
  options: StreetOptions = {},
): StreetPiece[] {
  const { tolerance = 0.75, metresPerUnit = 1, margin = 4 } = options;
  if (!layer.index) return [];
  const maxClass = classesAt(metresPerUnit);
  const frame: Box = { x0: -margin, y0: -margin, x1: size.width + margin, y1: size.height + margin };
  const out: StreetPiece[] = [];
  for (const i of layer.index.search(view[0], view[1], view[2], view[3]).sort((a, b) => a - b)) {
    const cls = layer.classes[i] as RoadClass;
    if (cls > maxClass) continue;
    const line: Pt[] = [];
    for (let k = layer.starts[i]; k < layer.starts[i + 1]; k++) line.push(project([layer.coords[2 * k], layer.coords[2 * k + 1]]));
    for (const piece of clipLine(line, frame)) {
      const simple = simplify(piece, tolerance);
      if (simple.length >= 2) out.push({ name: layer.names[i], cls, line: simple });
    }
  }
  return out;
}

/**
 * The parts of a polyline inside a box (Liang–Barsky on each segment); a
 * line that leaves and comes back gives several parts.
 *
 * @example
 * clipLine([[-10, 5], [20, 5]], { x0: 0, y0: 0, x1: 10, y1: 10 }) // [[[0, 5], [10, 5]]]
 */
export function clipLine(line: readonly Pt[], box: Box): Pt[][] {
  const parts: Pt[][] = [];
  let current: Pt[] = [];
  for (let i = 1; i < line.length; i++) {
    const clipped = clipSegment(line[i - 1], line[i], box);
    if (!clipped) {
      if (current.length > 1) parts.push(current);
      current = [];
      continue;
    }
    const [a, b] = clipped;
    const last = current.at(-1);
    if (!last || last[0] !== a[0] || last[1] !== a[1]) {
      if (current.length > 1) parts.push(current);
      current = [a];
    }
    current.push(b);
    // The segment left the box: the next one starts a new part.
    if (b[0] !== line[i][0] || b[1] !== line[i][1]) {
      parts.push(current);
      current = [];
    }
  }
  if (current.length > 1) parts.push(current);
  return parts;
}

function clipSegment(a: Pt, b: Pt, box: Box): [Pt, Pt] | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, a[0] - box.x0],
    [dx, box.x1 - a[0]],
    [-dy, a[1] - box.y0],
    [dy, box.y1 - a[1]],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return null;
  }
  const at = (t: number): Pt => (t === 0 ? a : t === 1 ? b : [a[0] + dx * t, a[1] + dy * t]);
  return [at(t0), at(t1)];
}

/** A street name placed along its line. */
export interface StreetLabel {
  name: string;
  /** The stretch of line the text follows, left to right (upright text). */
  path: Pt[];
  /** The boxes the glyphs take, for collision tests. */
  boxes: Box[];
}

export interface LabelOptions {
  fontSize?: number;
  /** The same name is placed again only this far (map units) from its other labels. */
  repeatDistance?: number;
  /** Where no label may go: markers, other labels, the scale bar. Placed street labels are added. */
  obstacles?: Box[];
  /** The map's frame; labels stay inside it. */
  size: { width: number; height: number };
}

/** Largest bend (radians) between a label's stretch and its chord: text on a sharp corner is unreadable. */
const MAX_BEND = (30 * Math.PI) / 180;

/**
 * Greedy placement of street names: larger roads and longer pieces first,
 * each tried at stretches from its middle outwards; a name that would
 * touch anything placed before it is left out.
 *
 * @example
 * placeStreetLabels(pieces, { size: { width: 420, height: 500 }, obstacles: stopBoxes })
 * // [{ name: '武康路', path: [[110, 200], [190, 230]], boxes: […] }]
 */
export function placeStreetLabels(pieces: readonly StreetPiece[], options: LabelOptions): StreetLabel[] {
  const { fontSize = 10, repeatDistance = 220, size } = options;
  const obstacles = options.obstacles ?? [];
  const placed: StreetLabel[] = [];
  const centres = new Map<string, Pt[]>();
  const order = pieces
    .filter((p) => p.name !== '')
    .map((p) => ({ p, length: lengthOf(p.line) }))
    .sort((a, b) => a.p.cls - b.p.cls || b.length - a.length);
  for (const { p, length } of order) {
    const width = textWidth(p.name, fontSize) + fontSize;
    if (width > length) continue;
    const seen = centres.get(p.name) ?? [];
    for (const start of startsFromMiddle(length, width, fontSize * 2)) {
      const stretch = slice(p.line, start, start + width);
      if (!straightEnough(stretch)) continue;
      const path = stretch[0][0] <= stretch.at(-1)![0] ? stretch : [...stretch].reverse();
      const mid = pointAt(path, width / 2);
      if (seen.some((c) => Math.hypot(c[0] - mid[0], c[1] - mid[1]) < repeatDistance)) break;
      const boxes = glyphBoxes(path, p.name, fontSize);
      const inside = boxes.every((b) => b.x0 >= 2 && b.y0 >= 2 && b.x1 <= size.width - 2 && b.y1 <= size.height - 2);
      if (!inside) continue;
      // Only the obstacles near this stretch can touch it: test those against each glyph.
      const around = boxes.reduce((a, b) => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) }));
      const near = obstacles.filter((o) => overlaps(o, around));
      if (boxes.some((b) => near.some((o) => overlaps(b, o)))) continue;
      placed.push({ name: p.name, path, boxes });
      obstacles.push(...boxes);
      centres.set(p.name, [...seen, mid]);
      break;
    }
  }
  return placed;
}

/**
 * Width of text in map units: CJK glyphs about one em, Latin and digits about half.
 *
 * @example
 * textWidth('武康路', 10) // 30
 */
export function textWidth(text: string, fontSize: number): number {
  return [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.6), 0) * fontSize;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function lengthOf(line: readonly Pt[]): number {
  let total = 0;
  for (let i = 1; i < line.length; i++) total += Math.hypot(line[i][0] - line[i - 1][0], line[i][1] - line[i - 1][1]);
  return total;
}

/** Offsets for a stretch of `width` along `length`: the middle first, then alternately either side. */
function startsFromMiddle(length: number, width: number, step: number): number[] {
  const middle = (length - width) / 2;
  const out = [middle];
  for (let d = step; d <= middle; d += step) out.push(middle - d, middle + d);
  return out;
}

/** The part of a line between two distances from its start. */
function slice(line: readonly Pt[], from: number, to: number): Pt[] {
  const out: Pt[] = [];
  let walked = 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    const d = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const end = walked + d;
    if (end >= from && walked <= to && d > 0) {
      if (out.length === 0) out.push(lerp(a, b, (from - walked) / d));
      if (end < to) out.push(b);
      else {
        out.push(lerp(a, b, (to - walked) / d));
        break;
      }
    }
    walked = end;
  }
  return out;
}

function pointAt(line: readonly Pt[], distance: number): Pt {
  const piece = slice(line, distance, distance);
  return piece[0] ?? line[0];
}

function lerp(a: Pt, b: Pt, t: number): Pt {
  const c = Math.max(0, Math.min(1, t));
  return [a[0] + (b[0] - a[0]) * c, a[1] + (b[1] - a[1]) * c];
}

function straightEnough(stretch: readonly Pt[]): boolean {
  if (stretch.length < 2) return false;
  const [a, b] = [stretch[0], stretch.at(-1)!];
  const chord = Math.atan2(b[1] - a[1], b[0] - a[0]);
  for (let i = 1; i < stretch.length; i++) {
    const angle = Math.atan2(stretch[i][1] - stretch[i - 1][1], stretch[i][0] - stretch[i - 1][0]);
    let bend = Math.abs(angle - chord);
    if (bend > Math.PI) bend = 2 * Math.PI - bend;
    if (bend > MAX_BEND) return false;
  }
  return true;
}

/** A square per glyph, centred on the line where the glyph sits, a little larger than the glyph. */
function glyphBoxes(path: readonly Pt[], text: string, fontSize: number): Box[] {
  const boxes: Box[] = [];
  const half = fontSize * 0.65;
  let at = fontSize / 2;
  for (const ch of text) {
    const w = (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.6) * fontSize;
    const [x, y] = pointAt(path, at + w / 2);
    boxes.push({ x0: x - half, y0: y - half, x1: x + half, y1: y + half });
    at += w;
  }
  return boxes;
}
