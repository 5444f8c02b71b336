/**
 * /assign/: shows the selected route's stops, and on submit builds the
 * assignment link (src/lib/learners/assignment.ts) and its QR code (src/lib/learners/qr.ts),
 * both in the browser. The link's host is the page's own, so it is right
 * wherever the site is served.
 */
import { assignmentQuery } from '../lib/learners/assignment.ts';
import { qrSvg } from '../lib/learners/qr.ts';

export function startAssign(): void {
  const form = document.querySelector<HTMLFormElement>('[data-assign-form]');
  const result = document.querySelector<HTMLElement>('[data-assign-result]');
  if (!form || !result) return;
  const select = form.querySelector<HTMLSelectElement>('select[name="route"]')!;

  const wanted = new URLSearchParams(location.search).get('route');
  if (wanted && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  const showStops = () => {
    for (const fieldset of form.querySelectorAll<HTMLFieldSetElement>('[data-route-stops]')) {
      const current = fieldset.dataset.routeStops === select.value;
      fieldset.hidden = !current;
      // Hidden routes' boxes must not end up in this route's link.
      fieldset.disabled = !current;
    }
  };
  select.addEventListener('change', () => {
    showStops();
    result.hidden = true;
  });
  showStops();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const option = select.selectedOptions[0];
    const query = assignmentQuery({
      className: String(data.get('class') ?? ''),
      date: String(data.get('date') ?? ''),
      required: data.getAll('required').map(String),
    });
    const link = new URL(`${option.dataset.path}?${query}`, location.href).href;
    const anchor = result.querySelector<HTMLAnchorElement>('[data-assign-link]')!;
    anchor.href = link;
    // Shown with the class name readable; the link and the code keep it percent-encoded.
    anchor.textContent = decodeURI(link);
    result.querySelector('[data-assign-qr]')!.innerHTML = qrSvg(link, { title: `任务二维码：${option.text}` });
    const date = data.get('date') ? `，${data.get('date')}` : '';
    result.querySelector('[data-assign-summary]')!.textContent = `${data.get('class')}${date}：${option.text}`;
    result.querySelector('[data-assign-status]')!.textContent = '';
    result.hidden = false;
    result.querySelector('h2')!.scrollIntoView({ block: 'start' });
  });

  result.querySelector('[data-assign-copy]')?.addEventListener('click', async () => {
    const status = result.querySelector('[data-assign-status]')!;
    try {
      await navigator.clipboard.writeText(result.querySelector<HTMLAnchorElement>('[data-assign-link]')!.href);
      status.textContent = '链接已复制，可粘贴到班级群。';
    } catch {
      status.textContent = '无法自动复制，请长按上面的链接复制。';
    }
  });
}
