// A one-page printable report of a comparison, in the UI language: the scenario's name and notes, its
// edits, the KPIs of A and B with change and percentage, the KPI chart and a picture of the map. Built
// with DOM calls (every value from data is text, never HTML) into a standalone HTML file with print CSS.
import { type Kpis, type ScenarioEdit, compareKpis, routedDemandDiffers } from '../core/scenario/index.ts';
import { type Language, type MessageKey, LOCALES, numberFormat, translate } from './i18n/index.ts';
import { editText } from './editText.ts';
import { hydrogenRowsUncompared, kpiRounded, kpiUnitKey, kpiVerdict } from './kpiText.ts';

export interface ReportInput {
  readonly language: Language;
  readonly a: { readonly name: string; readonly kpis: Kpis };
  readonly b: { readonly name: string; readonly kpis: Kpis; readonly notes: string; readonly edits: readonly ScenarioEdit[] };
  readonly city: string;
  /** PNG of the map as a data URL (or null when the view could not be read). */
  readonly mapPng: string | null;
  /** The KPI charts' SVG elements, serialised into the report as images. */
  readonly charts: readonly SVGSVGElement[];
  readonly date: Date;
  /** A link's street name ('' for none). */
  readonly linkName?: (link: number) => string;
}

const PRINT_CSS = `
@page { size: A4; margin: 14mm; }
body { font-family: 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', system-ui, sans-serif; font-size: 10.5pt; color: #1d232b; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; }
.meta, .notes { color: #5d6673; margin: 0 0 2mm; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border-bottom: 0.3mm solid #dde2e8; padding: 0.8mm 1.2mm; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.better { color: #0072b2; } .worse { color: #b54500; }
ul { margin: 0; padding-left: 5mm; }
img { max-width: 100%; }
img.map { width: 100%; max-height: 95mm; object-fit: cover; border: 0.3mm solid #dde2e8; }
svg.chart { max-width: 100%; height: auto; }
@media screen { body { max-width: 210mm; margin: 10mm auto; } }
`;

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** The report as a document of its own (`reportHtml` writes it out). */
export function buildReport(r: ReportInput): Document {
  const t = (key: MessageKey, params?: Readonly<Record<string, string | number>>): string => translate(r.language, key, params);
  const nf = (digits: number) => numberFormat(r.language, { maximumFractionDigits: digits });
  const fmt = (v: number | null, unit: string): string => {
    if (v === null) return '—';
    const r = kpiRounded(v, unit);
    return nf(r.whole ? 0 : 2).format(r.value);
  };
  const doc = document.implementation.createHTMLDocument(t('report.title', { name: r.b.name }));
  doc.documentElement.lang = r.language;
  const meta = el(doc, 'meta');
  meta.setAttribute('charset', 'utf-8');
  doc.head.prepend(meta);
  doc.head.append(el(doc, 'style', PRINT_CSS));
  const body = doc.body;
  body.append(el(doc, 'h1', t('report.title', { name: r.b.name })));
  body.append(el(doc, 'p', t('report.meta', { city: r.city, a: r.a.name, date: r.date.toLocaleString(LOCALES[r.language]) }), 'meta'));
  if (r.b.notes.trim() !== '') body.append(el(doc, 'p', r.b.notes, 'notes'));

  const cols = el(doc, 'div', undefined, 'cols');
  const left = el(doc, 'div');
  left.append(el(doc, 'h2', t('scenario.edits', { n: r.b.edits.length })));
  const ul = el(doc, 'ul');
  if (r.b.edits.length === 0) ul.append(el(doc, 'li', t('scenario.noEdits')));
  for (const e of r.b.edits) ul.append(el(doc, 'li', editText(r.language, e, r.linkName)));
  left.append(ul);
  if (r.mapPng) {
    left.append(el(doc, 'h2', t('report.map')));
    const img = el(doc, 'img', undefined, 'map');
    img.src = r.mapPng;
    img.alt = t('report.map');
    left.append(img);
  }
  const right = el(doc, 'div');
  right.append(el(doc, 'h2', t('report.kpis', { a: r.a.name, b: r.b.name })));
  const table = el(doc, 'table');
  const head = el(doc, 'tr');
  for (const h of [t('scenario.kpi'), 'A', 'B', t('scenario.change'), '%']) head.append(el(doc, 'th', h));
  table.append(el(doc, 'thead'));
  table.tHead!.append(head);
  const tbody = el(doc, 'tbody');
  const rows = compareKpis(r.a.kpis, r.b.kpis);
  for (const row of rows) {
    const tr = el(doc, 'tr');
    tr.append(el(doc, 'th', `${t(`scenario.kpi.${row.key}` as MessageKey)} (${t(kpiUnitKey(row.unit))})`));
    tr.append(el(doc, 'td', fmt(row.a, row.unit), 'n'), el(doc, 'td', fmt(row.b, row.unit), 'n'));
    const verdict = kpiVerdict(row);
    const cls = verdict === null ? 'n' : `n ${verdict}`;
    tr.append(el(doc, 'td', fmt(row.change, row.unit), cls), el(doc, 'td', fmt(row.percent, '%'), cls));
    tbody.append(tr);
  }
  table.append(tbody);
  if (routedDemandDiffers(r.a.kpis, r.b.kpis)) {
    const hydrogen = hydrogenRowsUncompared(rows) ? ` ${t('scenario.unroutedDiffers.hydrogen')}` : '';
    right.append(el(doc, 'p', t('scenario.unroutedDiffers', { a: fmt(r.a.kpis.unroutedVehPerHour, 'veh/h'), b: fmt(r.b.kpis.unroutedVehPerHour, 'veh/h') }) + hydrogen, 'notes'));
  }
  right.append(table);
  // The charts as SVG of the document itself, not images: an image's text could not use the report's fonts.
  r.charts.forEach((chart, i) => {
    const title = t(i === 0 ? 'scenario.kpiChart' : 'scenario.sectorChart');
    right.append(el(doc, 'h2', title));
    const svg = doc.importNode(chart, true);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', title);
    svg.classList.add('chart');
    right.append(svg);
  });
  cols.append(left, right);
  body.append(cols);
  body.append(el(doc, 'p', t('report.footer'), 'meta'));
  return doc;
}

/**
 * The report's standalone HTML, with `fonts`: @font-face rules that carry the interface's font
 * (reportFonts.ts, for the report's text), so the file draws its text anywhere.
 */
export function reportHtml(doc: Document, fonts: string): string {
  if (fonts !== '') doc.head.append(el(doc, 'style', fonts));
  return `<!doctype html>\n${new XMLSerializer().serializeToString(doc.documentElement)}`;
}
