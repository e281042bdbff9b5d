(() => {
  let manifest;
  const folder = () =>
    document.querySelector('link[rel=stylesheet][href$="/innfri.css"]')?.getAttribute('href')?.replace(/innfri\.css$/, '');
  const fetchIslands = async (islands) => {
    const base = folder();
    if (!base) return;
    manifest ??= fetch(base + '__wasm_split_manifest.json').then((r) => (r.ok ? r.json() : Promise.reject(r.status)));
    let files;
    try {
      files = await manifest;
    } catch {
      manifest = undefined;
      return;
    }
    for (const island of islands.split(/\s+/).filter(Boolean))
      for (const [name, chunks] of Object.entries(files))
        if (name.startsWith(island + '_loader_'))
          for (const chunk of chunks) fetch(base + chunk + '.wasm').then((r) => r.arrayBuffer()).catch(() => {});
  };
  const onIntent = (event) => {
    const link = event.target instanceof Element && event.target.closest('a[data-preload]');
    if (!link) return;
    const islands = link.dataset.preload;
    link.removeAttribute('data-preload');
    fetchIslands(islands);
  };
  for (const type of ['pointerover', 'focusin', 'touchstart'])
    document.addEventListener(type, onIntent, { capture: true, passive: true });
})();
