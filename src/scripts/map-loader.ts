/**
 * The only map code every map page loads (a few hundred bytes): it waits
 * until a map is about to scroll into view, then imports MapLibre and its
 * CSS (map-client.ts, ~450 KB gzip with the worker). Until then, and for
 * good where WebGL2 is missing, the static SVG map stays.
 *
 * With Save-Data on (a phone on a metered connection) nothing loads by
 * itself: a button offers the interactive map instead.
 */

/** Start loading a little before the map scrolls into view, so it is ready when it arrives. */
const ROOT_MARGIN = '200px';

type MapState = 'static' | 'loading' | 'ready' | 'failed';

/** Sets up every `[data-map]` figure on the page. */
export function startMaps(): void {
  const figures = [...document.querySelectorAll<HTMLElement>('[data-map]')];
  if (figures.length === 0) return;
  for (const figure of figures) setUpWalk(figure);
  if (!hasWebGL2()) return;

  const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;
  if (saveData) {
    for (const figure of figures) offerButton(figure);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        void loadMap(entry.target as HTMLElement);
      }
    },
    { rootMargin: ROOT_MARGIN },
  );
  for (const figure of figures) observer.observe(figure);
}

/**
 * Imports MapLibre and draws the map; on any failure the static map stays
 * and the failure is only logged as a warning (the page still works).
 */
export async function loadMap(figure: HTMLElement): Promise<void> {
  if (figure.dataset.mapState && figure.dataset.mapState !== 'static') return;
  setState(figure, 'loading');
  try {
    const { mountMap } = await import('./map-client.ts');
    await mountMap(figure);
    setState(figure, 'ready');
  } catch (error) {
    setState(figure, 'failed');
    console.warn('交互地图未能加载，继续显示静态地图。', error);
  }
}

function setState(figure: HTMLElement, state: MapState): void {
  figure.dataset.mapState = state;
}

let webgl2: boolean | undefined;

/** MapLibre 6 needs WebGL2; asking for a context is the only reliable test, so it is asked once. */
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

function offerButton(figure: HTMLElement): void {
  const button = figure.querySelector<HTMLButtonElement>('.map-load');
  if (!button) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    button.hidden = true;
    void loadMap(figure);
  });
}

/**
 * Shows the "walk this route" button where the browser can give a position.
 * The walk code loads on the first press; it also starts the map, so the
 * position has somewhere to show.
 */
function setUpWalk(figure: HTMLElement): void {
  const walk = figure.querySelector<HTMLElement>('.map-walk');
  const button = walk?.querySelector<HTMLButtonElement>('button');
  if (!walk || !button) return;
  walk.hidden = false;
  button.addEventListener('click', async () => {
    if (hasWebGL2()) void loadMap(figure);
    const { toggleWalk } = await import('./walk-ui.ts');
    toggleWalk(figure);
  });
}
