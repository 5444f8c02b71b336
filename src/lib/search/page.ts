/**
 * The /search/ page in the browser: reads `?q=` and the filters from the
 * address, searches with Pagefind's JS API as the visitor types, and keeps
 * the address in step so any search can be shared as a link.
 *
 * Pagefind (pagefind.js, its worker, WebAssembly and index chunks) is loaded
 * from the site itself, and only once there is something to search for or
 * the visitor focuses the search box.
 */
import { excerptHtml, matchTier } from './text.ts';
import { url } from '../site/urls.ts';

/** The parts of Pagefind's JS API used here. */
interface PagefindData {
  url: string;
  content: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}
interface PagefindResult {
  id: string;
  data(): Promise<PagefindData>;
}
interface Pagefind {
  init(): Promise<void>;
  search(query: string | null, options: { filters: Filters }): Promise<{ results: PagefindResult[] }>;
}
type Filters = Record<string, { any: string[] }>;

/** Results shown at first and added by each press of "more". */
const PAGE_SIZE = 20;
/**
 * Pagefind ranks pages by its words; the first CHECKED results are loaded and
 * reordered by how they match the query as written (see matchTier): a page
 * titled with the query first, pages with the query's words apart last.
 */
const CHECKED = 30;
/** Typing pauses shorter than this do not start a search. */
const TYPING_DELAY_MS = 200;

const FILTER_NAMES = ['kind', 'subdistrict', 'duration'];

let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (async () => {
    // A runtime URL: the bundle is written after the site is built, so Vite must not resolve it.
    const module: Pagefind = await import(/* @vite-ignore */ url('/pagefind/pagefind.js'));
    await module.init();
    return module;
  })().catch((error: unknown) => {
    // Offline on a walk, say: let the next search try again.
    pagefind = undefined;
    throw error;
  });
  return pagefind;
}

interface Hit {
  data: PagefindData;
  title: string;
  /** The page's indexed text without the title it starts with, for the excerpt. */
  text: string;
}

async function loadHit(result: PagefindResult): Promise<Hit> {
  const data = await result.data();
  const title = data.meta.title ?? data.url;
  // Pagefind keeps zero-width spaces between the words it cut Chinese into.
  const content = data.content.replace(/\u200B/g, '');
  const text = content.startsWith(title) ? content.slice(title.length).replace(/^[.\s]+/, '') : content;
  return { data, title, text };
}

/** The hits loaded so far, in display order, and the results still to load. */
async function rank(results: PagefindResult[], query: string): Promise<{ hits: Hit[]; rest: PagefindResult[] }> {
  if (!query) return { hits: [], rest: results };
  const checked = await Promise.all(results.slice(0, CHECKED).map(loadHit));
  const tiers = new Map(checked.map((hit) => [hit, matchTier(hit.title, hit.text, query)]));
  // Sorting is stable: within a tier, Pagefind's order stays.
  checked.sort((a, b) => tiers.get(a)! - tiers.get(b)!);
  return { hits: checked, rest: results.slice(CHECKED) };
}

function renderHit({ data, title, text }: Hit, query: string): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'result';
  const kind = data.filters.kind?.[0];
  const image = data.meta.image;
  item.innerHTML = `
    <div class="result-text">
      <h2 class="result-title"><a></a>${kind ? ' <span class="result-kind"></span>' : ''}</h2>
      <p class="result-excerpt">${excerptHtml(text, query)}</p>
    </div>
    ${image ? '<img class="result-image" alt="" loading="lazy" width="64" height="64" />' : ''}`;
  const link = item.querySelector('a')!;
  link.href = data.url;
  link.textContent = title;
  if (kind) item.querySelector('.result-kind')!.textContent = kind;
  if (image) item.querySelector('img')!.src = image;
  return item;
}

export function initSearchPage(): void {
  const form = document.querySelector<HTMLFormElement>('#search-form')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const filterDetails = form.querySelector<HTMLDetailsElement>('details');
  const status = document.querySelector<HTMLElement>('#search-status')!;
  const list = document.querySelector<HTMLOListElement>('#search-results')!;
  const more = document.querySelector<HTMLButtonElement>('#search-more')!;

  const checkboxes = () => [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];

  // The address is the state: restore it, so shared links and the back button work.
  const params = new URL(location.href).searchParams;
  input.value = params.get('q') ?? '';
  for (const box of checkboxes()) box.checked = params.getAll(box.name).includes(box.value);
  if (filterDetails && checkboxes().some((box) => box.checked)) filterDetails.open = true;

  let pending: { query: string; hits: Hit[]; rest: PagefindResult[] } | undefined;
  let latest = 0;

  function selectedFilters(): Filters {
    const filters: Filters = {};
    for (const name of FILTER_NAMES) {
      const values = checkboxes()
        .filter((box) => box.name === name && box.checked)
        .map((box) => box.value);
      if (values.length > 0) filters[name] = { any: values };
    }
    return filters;
  }

  function updateAddress(query: string, filters: Filters): void {
    const next = new URL(location.href);
    next.search = '';
    if (query) next.searchParams.set('q', query);
    for (const [name, { any }] of Object.entries(filters)) for (const value of any) next.searchParams.append(name, value);
    history.replaceState(null, '', next);
  }

  async function showMore(): Promise<void> {
    const current = pending;
    if (!current) return;
    const needed = PAGE_SIZE - Math.min(PAGE_SIZE, current.hits.length);
    current.hits.push(...(await Promise.all(current.rest.splice(0, needed).map(loadHit))));
    // A newer search replaced this one while its results were loading.
    if (current !== pending) return;
    list.append(...current.hits.splice(0, PAGE_SIZE).map((hit) => renderHit(hit, current.query)));
    more.hidden = current.hits.length === 0 && current.rest.length === 0;
  }

  async function run(): Promise<void> {
    const token = ++latest;
    const query = input.value.trim();
    const filters = selectedFilters();
    const filtered = Object.keys(filters).length > 0;
    updateAddress(query, filters);
    if (!query && !filtered) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = '';
      return;
    }
    status.textContent = '正在搜索…';
    try {
      const engine = await loadPagefind();
      // Without a query, the filters alone list every matching page.
      const { results } = await engine.search(query || null, { filters });
      const ranked = await rank(results, query);
      if (token !== latest) return;
      pending = { query, ...ranked };
      list.replaceChildren();
      await showMore();
      if (token !== latest) return;
      const subject = query ? `包含“${query}”的` : '符合筛选条件的';
      status.textContent =
        results.length === 0 ? `没有找到${subject}内容。` : `找到 ${results.length} 条${subject}结果。`;
    } catch (error) {
      if (token !== latest) return;
      status.textContent = `搜索暂时无法使用（${(error as Error).message}），请稍后再试。`;
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, TYPING_DELAY_MS);
  });
  // Start fetching Pagefind as soon as the visitor shows intent, so the first results come sooner.
  input.addEventListener('focus', () => void loadPagefind().catch(() => {}), { once: true });
  form.addEventListener('change', (event) => {
    if ((event.target as HTMLElement).matches('input[type="checkbox"]')) void run();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    void run();
  });
  more.addEventListener('click', () => {
    // Keep keyboard users where they were: focus the first result just added.
    const before = list.children.length;
    void showMore().then(() => list.children[before]?.querySelector('a')?.focus());
  });

  void run();
}
