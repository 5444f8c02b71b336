/**
 * The only map code every map page loads (about 1 KB). The static SVG map is
 * the map; MapLibre, its worker and its CSS (map-client.ts, ~450 KB gzip)
 * load only when the visitor asks for the interactive map: a tap or click on
 * the static map, the "放大查看" button (Enter or Space from the keyboard), or
 * walk mode. The first sign of intent (a finger or pointer going down, focus
 * on the button) starts the download, so the switch feels instant.
 *
 * Without WebGL2, or when MapLibre fails to load, the static map stays and a
 * short note says so: the page never shows a console error for it.
 */

type MapState = 'static' | 'loading' | 'ready' | 'failed';

type MapClient = typeof import('./map-client.ts');

const NOTE_NO_WEBGL = '此设备的浏览器不能显示可缩放地图，请看静态地图和下面的文字说明。';
const NOTE_FAILED = '可缩放地图没有加载成功，请看静态地图和下面的文字说明。';

/** Sets up every `[data-map]` figure on the page; loads nothing yet. */
export function startMaps(): void {
  for (const figure of document.querySelectorAll<HTMLElement>('[data-map]')) {
    setUpOpen(figure);
    setUpWalk(figure);
  }
}

let client: Promise<MapClient> | undefined;

/**
 * Starts downloading MapLibre, its worker and its stylesheet, once per page.
 * A failed download is forgotten, so the next tap tries again.
 */
export function warmUp(): Promise<MapClient> {
  client ??= import('./map-client.ts').then(
    (module) => {
      module.warmUp();
      return module;
    },
    (error: unknown) => {
      client = undefined;
      throw error;
    },
  );
  return client;
}

/**
 * Replaces the static map with the interactive one. Without WebGL2, or on
 * any failure, the static map stays with a note; failures are only logged
 * as warnings.
 */
export async function loadMap(figure: HTMLElement): Promise<void> {
  const state = figure.dataset.mapState ?? 'static';
  if (state === 'loading' || state === 'ready') return;
  if (!hasWebGL2()) {
    fail(figure, NOTE_NO_WEBGL);
    return;
  }
  setState(figure, 'loading');
  try {
    const { mountMap } = await warmUp();
    await mountMap(figure);
    setState(figure, 'ready');
  } catch (error) {
    fail(figure, NOTE_FAILED);
    console.warn('交互地图未能加载，继续显示静态地图。', error);
  }
}

function setState(figure: HTMLElement, state: MapState): void {
  figure.dataset.mapState = state;
}

function fail(figure: HTMLElement, note: string): void {
  setState(figure, 'failed');
  const text = figure.querySelector<HTMLElement>('.map-note');
  if (text) text.textContent = note;
}

let webgl2: boolean | undefined;

/** MapLibre 6 needs WebGL2; asking for a context is the only reliable test, so it is asked once, on the first tap. */
function hasWebGL2(): boolean {
  webgl2 ??= testWebGL2();
  return webgl2;
}

function testWebGL2(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return gl !== null;
  } catch {
    return false;
  }
}

/**
 * Warms up on the first sign of intent, where a map can be drawn at all. The
 * signals are passive so scrolling is never held up.
 */
function onIntent(element: Element): void {
  const start = () => {
    if (hasWebGL2()) warmUp().catch(() => undefined);
  };
  const once = { once: true, passive: true };
  element.addEventListener('pointerdown', start, once);
  element.addEventListener('touchstart', start, once);
  element.addEventListener('focusin', start, once);
}

/**
 * The static map and its "放大查看" button open the interactive map. Focus
 * moves to the map when the button had it, so a keyboard user lands on it.
 */
function setUpOpen(figure: HTMLElement): void {
  const frame = figure.querySelector<HTMLElement>('.map-frame');
  const button = figure.querySelector<HTMLButtonElement>('.map-open');
  if (!frame || !button) return;
  onIntent(frame);
  frame.addEventListener('click', async () => {
    const hadFocus = document.activeElement === button;
    await loadMap(figure);
    if (hadFocus && figure.dataset.mapState === 'ready') figure.querySelector<HTMLElement>('.maplibregl-canvas')?.focus();
  });
}

/**
 * "Walk this route": the walk code loads on the first press; it also opens
 * the interactive map, so the position has somewhere to show.
 */
function setUpWalk(figure: HTMLElement): void {
  const button = figure.querySelector<HTMLButtonElement>('.map-walk button');
  if (!button) return;
  onIntent(button);
  button.addEventListener('click', async () => {
    void loadMap(figure);
    const { toggleWalk } = await import('./walk-ui.ts');
    toggleWalk(figure);
  });
}
