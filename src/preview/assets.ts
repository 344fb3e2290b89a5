/** The preview's script and style sheet, served as files (the page's CSP allows no inline code). */

/**
 * Listens to the server's events; on a change it fetches the main part of the same page again
 * and puts it in place (no reload: the scroll position stays), then says so in the status line.
 */
export const previewScript = `(() => {
  const status = document.getElementById('stand');
  let shown = Number(document.body.dataset.version);
  const update = async (version) => {
    if (!(version > shown)) return;
    const response = await fetch(location.href, { headers: { 'X-Vorschau-Teil': 'main' }, cache: 'no-store' });
    const main = document.getElementById('inhalt');
    main.innerHTML = await response.text();
    shown = version;
    document.body.dataset.version = String(version);
    status.textContent = 'Aktualisiert um ' + new Date().toLocaleTimeString('de-DE') + '.';
  };
  const events = new EventSource('/ereignisse');
  events.addEventListener('aenderung', (event) => { update(Number(event.data)); });
  events.addEventListener('stand', (event) => { update(Number(event.data)); });
})();
`;

export const previewStyle = `:root { color: #1a1a1a; background: #ffffff; font-family: system-ui, sans-serif; line-height: 1.45; }
body { max-width: 52rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
figure { margin: 1rem 0; } figure svg, figure img { max-width: 100%; height: auto; } figcaption { font-size: 0.9rem; }
header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1px solid #767676; margin-bottom: 1rem; }
header p { margin: 0.5rem 0; color: #3d3d3d; }
a { color: #0645ad; }
a:focus-visible { outline: 3px solid #0645ad; outline-offset: 2px; }
h1 { font-size: 1.6rem; }
h2 { font-size: 1.3rem; margin-top: 1.8rem; }
h3 { font-size: 1.1rem; }
table { border-collapse: collapse; margin: 0.8rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.25rem 0.6rem; }
table.daten th { border-bottom: 2px solid #1a1a1a; }
table.daten td { border-bottom: 1px solid #b0b0b0; }
table.felder th { font-weight: 600; padding-left: 0; }
.rechts { text-align: right; font-variant-numeric: tabular-nums; }
ul.raster { columns: 3 12rem; }
.kasten { border: 1px solid #1a1a1a; padding: 0 1rem; }
blockquote { border-left: 4px solid #767676; margin-left: 0; padding-left: 1rem; }
.befunde { padding-left: 1.2rem; }
.befunde li { margin-bottom: 1.2rem; padding-left: 0.6rem; }
.befunde li.fehler { border-left: 4px solid #b00020; }
.befunde li.warnung { border-left: 4px solid #8a5a00; }
pre { background: #f3f3f3; padding: 0.5rem; overflow-x: auto; }
mark { background: #ffe08a; color: #1a1a1a; }
.hinweis { font-weight: 600; }
`;
