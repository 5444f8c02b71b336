/**
 * "Walk this route" (走这条路线) on a route map: only after the user presses
 * the button, watch the phone's position and say, in a live region, how far
 * the next stop is and which service circle the walker is in. Positions stay
 * on the phone: they go to walk.ts and to the map on this page, nowhere else.
 */
import { describeWalk, geolocationMessage, walkPlan, walkStatus, type WalkPlan } from '../lib/map/walk.ts';
import { POSITION_CLEAR_EVENT, POSITION_EVENT, readPayload, type PositionDetail } from './map-payload.ts';

interface Walk {
  watchId: number;
  plan: WalkPlan;
}

const walks = new WeakMap<HTMLElement, Walk>();

/** Starts walk mode on a figure, or stops it when it is on. */
export function toggleWalk(figure: HTMLElement): void {
  const button = figure.querySelector<HTMLButtonElement>('.map-walk button');
  const status = figure.querySelector<HTMLElement>('.map-walk [role="status"]');
  if (!button || !status) return;

  const running = walks.get(figure);
  if (running) {
    navigator.geolocation.clearWatch(running.watchId);
    walks.delete(figure);
    figure.dispatchEvent(new CustomEvent(POSITION_CLEAR_EVENT));
    button.setAttribute('aria-pressed', 'false');
    button.textContent = '走这条路线';
    status.textContent = '已停止显示你的位置。';
    return;
  }
  if (!('geolocation' in navigator) || !window.isSecureContext) {
    status.textContent = geolocationMessage('unsupported');
    return;
  }

  const plan = walkPlan(readPayload(figure).data);
  status.textContent = '正在获取你的位置……位置只在本机使用，不会上传。';
  button.setAttribute('aria-pressed', 'true');
  button.textContent = '停止显示我的位置';
  const watchId = navigator.geolocation.watchPosition(
    (position) => {
      const detail: PositionDetail = {
        lng: position.coords.longitude,
        lat: position.coords.latitude,
        accuracyM: position.coords.accuracy,
      };
      status.textContent = describeWalk(walkStatus([detail.lng, detail.lat], plan), detail.accuracyM);
      figure.dataset.position = JSON.stringify(detail);
      figure.dispatchEvent(new CustomEvent<PositionDetail>(POSITION_EVENT, { detail }));
    },
    (error) => {
      status.textContent = geolocationMessage(error.code);
      // A refusal will not change by itself: stop watching and let the button start over.
      if (error.code === error.PERMISSION_DENIED) {
        navigator.geolocation.clearWatch(watchId);
        walks.delete(figure);
        button.setAttribute('aria-pressed', 'false');
        button.textContent = '走这条路线';
      }
    },
    { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
  );
  walks.set(figure, { watchId, plan });
}
