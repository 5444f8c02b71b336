/**
 * /services/ with JavaScript: three selects (街镇, tier, kind) filter the
 * pre-rendered lists together, instead of the one-at-a-time CSS links.
 */
export function startServiceFilter(root: ParentNode = document): void {
  const box = root.querySelector<HTMLElement>('[data-services]');
  const form = box?.querySelector<HTMLFormElement>('form[data-service-filter]');
  if (!box || !form) return;
  box.classList.add('scripted');
  form.hidden = false;
  const select = (name: string) => form.elements.namedItem(name) as HTMLSelectElement;
  // The no-JavaScript links set the matching select instead of jumping.
  for (const link of box.querySelectorAll<HTMLAnchorElement>('.filter-links a[href^="#kind-"], .filter-links a[href^="#tier-"]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const [name, value] = link.hash.slice(1).split(/-(.*)/);
      select(name).value = value;
      apply();
    });
  }
  const apply = () => {
    const [region, tier, kind] = ['region', 'tier', 'kind'].map((n) => select(n).value);
    let shown = 0;
    for (const section of box.querySelectorAll<HTMLElement>('section[data-region]')) {
      const inRegion = region === '' || section.dataset.region === region;
      let stations = 0;
      for (const station of section.querySelectorAll<HTMLElement>('[data-station]')) {
        let items = 0;
        for (const list of station.querySelectorAll<HTMLElement>('[data-kind]')) {
          list.hidden = kind !== '' && list.dataset.kind !== kind;
          if (!list.hidden) items += list.querySelectorAll('li').length;
        }
        station.hidden = items === 0 || (tier !== '' && station.dataset.tier !== tier);
        if (station.hidden) continue;
        stations++;
        if (inRegion) shown += items;
      }
      section.hidden = !inRegion || stations === 0;
    }
    (form.elements.namedItem('shown') as HTMLOutputElement).value = `显示 ${shown} 项`;
    box.querySelector<HTMLElement>('[data-services-empty]')!.hidden = shown > 0;
  };
  form.addEventListener('change', apply);
  const initial = location.hash.match(/^#(kind|tier)-(.+)$/);
  if (initial) select(initial[1]).value = initial[2];
  apply();
}
