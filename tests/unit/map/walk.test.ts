/**
 * Walk mode's arithmetic: the next stop along the route, arrival, leaving
 * the route, which circle holds the walker; the sentences it speaks; and the
 * geometry helpers it and the maps share.
 */
import { describe, expect, it } from 'vitest';
import { haversine, METRES_PER_DEGREE } from '../../../src/lib/geo/distance.ts';
import { atLeast, circleBBox, circleRing, simplifyLine, sliceAlong } from '../../../src/lib/map/geometry.ts';
import { describeWalk, geolocationMessage, walkStatus, type WalkPlan } from '../../../src/lib/map/walk.ts';
import type { LngLat } from '../../../src/lib/content/model.ts';

/** A point `m` metres north of 31.2° N on the meridian 121.44° E. */
const north = (m: number): LngLat => [121.44, 31.2 + m / METRES_PER_DEGREE];
/** `m` metres east of a point. */
const east = ([lng, lat]: LngLat, m: number): LngLat => [lng + m / METRES_PER_DEGREE / Math.cos((lat * Math.PI) / 180), lat];

const plan: WalkPlan = {
  line: [north(0), north(2000)],
  stops: [
    { n: 1, name: '甲', point: north(0), alongM: 0 },
    { n: 2, name: '乙', point: north(1000), alongM: 1000 },
    { n: 3, name: '丙', point: north(2000), alongM: 2000 },
  ],
  circles: [
    { id: 'a', name: '站点A', point: north(0), radius: 500 },
    { id: 'b', name: '站点B', point: north(900), radius: 500 },
  ],
};

describe('walkStatus', () => {
  it('before the first stop, the next stop is the first', () => {
    const status = walkStatus(north(-100), plan);
    expect(status.at).toBeNull();
    expect(status.next?.stop.n).toBe(1);
    expect(status.next?.distanceM).toBeCloseTo(100, 0);
  });

  it('at a stop, it has arrived and the next one is the following stop', () => {
    const status = walkStatus(east(north(1010), 5), plan);
    expect(status.at?.n).toBe(2);
    expect(status.next?.stop.n).toBe(3);
    expect(status.next?.distanceM).toBeCloseTo(990, 0);
  });

  it('between stops, the next one is ahead along the route', () => {
    const status = walkStatus(north(600), plan);
    expect(status.alongM).toBeCloseTo(600, 0);
    expect(status.next?.stop.n).toBe(2);
    expect(status.finished).toBe(false);
  });

  it('finds the circles that hold the walker, nearest first, or the nearest one outside', () => {
    const both = walkStatus(north(420), plan);
    expect(both.inside.map((c) => c.circle.id)).toEqual(['a', 'b']);
    expect(both.nearest).toBeNull();
    const none = walkStatus(east(north(600), 800), plan);
    expect(none.inside).toEqual([]);
    expect(none.nearest?.circle.id).toBe('b');
    expect(none.offRouteM).toBeCloseTo(800, 0);
  });

  it('beyond the end of the route, the last stop is still ahead until the walker reaches it', () => {
    const status = walkStatus(north(2100), plan);
    expect(status.next?.stop.n).toBe(3);
    expect(status.next?.distanceM).toBeCloseTo(100, 0);
  });

  it('at the last stop, or past it along the route, the walk is finished', () => {
    const atLast = walkStatus(north(2010), plan);
    expect([atLast.at?.n, atLast.next, atLast.finished]).toEqual([3, null, true]);
    const past = walkStatus(north(2300), { ...plan, line: [north(0), north(2500)] });
    expect([past.at, past.next, past.finished]).toEqual([null, null, true]);
  });
});

describe('describeWalk', () => {
  it('says where the next stop is and which circle holds the walker', () => {
    const text = describeWalk(walkStatus(north(600), plan), 12);
    expect(text).toContain('下一站：第 2 站 乙，直线约 400 米。');
    expect(text).toContain('你在“站点B”服务圈内（距站点 300 米）。');
    expect(text).toContain('定位精度约 12 米。');
  });

  it('says when the walker is off the route and outside every circle', () => {
    const text = describeWalk(walkStatus(east(north(600), 800), plan));
    expect(text).toContain('你离路线约 800 米。');
    expect(text).toMatch(/你不在任何服务圈内；最近的是“站点B”，距站点 \d+ 米，在服务圈外约 \d+ 米。/);
  });

  it('says the walk is over at or past the last stop', () => {
    expect(describeWalk(walkStatus(north(2000), plan))).toContain('你已到达第 3 站 丙。这是路线的最后一站。');
    expect(describeWalk(walkStatus(north(2300), { ...plan, line: [north(0), north(2500)] }))).toContain('你已走过路线的最后一站。');
  });

  it('explains each way a position can fail', () => {
    expect(geolocationMessage(1)).toContain('你没有允许本网站使用位置');
    expect(geolocationMessage(2)).toContain('暂时无法确定你的位置');
    expect(geolocationMessage(3)).toContain('超时');
    expect(geolocationMessage('unsupported')).toContain('HTTPS');
  });
});

describe('geometry helpers', () => {
  it('circleRing: every vertex at the radius, closed', () => {
    const ring = circleRing([121.44, 31.2], 500, 32);
    expect(ring).toHaveLength(33);
    expect(ring[0]).toEqual(ring[32]);
    for (const p of ring) expect(haversine([121.44, 31.2], p)).toBeCloseTo(500, 6);
  });

  it('circleBBox: the circle’s extent north–south and east–west', () => {
    const [w, s, e, n] = circleBBox([121.44, 31.2], 500);
    expect(haversine([121.44, s], [121.44, n])).toBeCloseTo(1000, 3);
    expect(haversine([w, 31.2], [e, 31.2])).toBeCloseTo(1000, -1);
  });

  it('sliceAlong: the part of a line between two distances, cut at the right points', () => {
    const line = [north(0), north(1000), east(north(1000), 1000)];
    const part = sliceAlong(line, 500, 1500);
    expect(part).toHaveLength(3);
    expect(haversine(part[0], north(500))).toBeLessThan(0.01);
    expect(part[1]).toEqual(north(1000));
    expect(haversine(part[2], east(north(1000), 500))).toBeLessThan(0.5);
    expect(sliceAlong(line, 3000, 4000)).toEqual([]);
  });

  it('simplifyLine: drops vertices closer than the tolerance, keeps the corners', () => {
    const wobbly = [north(0), east(north(500), 0.3), north(1000), east(north(1000), 1000)];
    expect(simplifyLine(wobbly, 1)).toEqual([north(0), north(1000), east(north(1000), 1000)]);
    expect(simplifyLine(wobbly, 0.1)).toHaveLength(4);
    // A long track stays fast and does not overflow the stack.
    const track = Array.from({ length: 50_000 }, (_, i) => east(north(i * 0.1), Math.sin(i) * 0.2));
    expect(simplifyLine(track, 1)).toEqual([track[0], track.at(-1)]);
  });

  it('atLeast: widens a point to a minimum extent, leaves larger boxes alone', () => {
    const [w, s, e, n] = atLeast([121.44, 31.2, 121.44, 31.2], 400);
    expect(haversine([121.44, s], [121.44, n])).toBeCloseTo(400, 3);
    expect(haversine([w, 31.2], [e, 31.2])).toBeCloseTo(400, 0);
    const big: [number, number, number, number] = [121.4, 31.1, 121.5, 31.2];
    expect(atLeast(big, 400)).toEqual(big);
  });
});
