// The interface's font (Noto Sans KR, bundled by @fontsource) for a standalone report: a report opened on
// a machine without a Korean font would otherwise show empty boxes for every Hangul syllable. The page has
// loaded the font's @font-face rules, one per unicode-range slice (124 for the regular weight); the
// report takes those of the slices its text uses, each slice's woff2 inlined as a data: URL. Only the
// regular weight: headings are drawn in a bold the browser synthesises, which halves the size.

/** The family and weight embedded. */
const FAMILY = 'Noto Sans KR';
const WEIGHT = '400';

/** The code point ranges of a unicode-range descriptor ("U+AC00-AC2B, U+3131, U+4??"). */
export function unicodeRanges(descriptor: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of descriptor.split(',')) {
    const m = /^\s*U\+([0-9A-F?]+)(?:-([0-9A-F]+))?\s*$/i.exec(part);
    if (!m) continue;
    const first = m[1]!;
    if (first.includes('?')) out.push([parseInt(first.replace(/\?/g, '0'), 16), parseInt(first.replace(/\?/g, 'F'), 16)]);
    else out.push([parseInt(first, 16), parseInt(m[2] ?? first, 16)]);
  }
  return out;
}

/** Whether any code point of `codes` lies in `ranges` (no ranges: the whole of Unicode). */
function covers(ranges: readonly [number, number][], codes: ReadonlySet<number>): boolean {
  if (ranges.length === 0) return true;
  for (const c of codes) for (const [lo, hi] of ranges) if (c >= lo && c <= hi) return true;
  return false;
}

/** The font's regular-weight @font-face rules among the page's style sheets, with their woff2 URL. */
function fontFaces(): { url: string; range: string }[] {
  const out: { url: string; range: string }[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // another origin's sheet
    }
    for (const rule of Array.from(rules)) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const style = rule.style;
      if (style.getPropertyValue('font-family').replace(/["']/g, '').trim() !== FAMILY) continue;
      if (style.getPropertyValue('font-weight').trim() !== WEIGHT) continue;
      if ((style.getPropertyValue('font-style').trim() || 'normal') !== 'normal') continue;
      const src = /url\(\s*["']?([^"')]+\.woff2[^"')]*)["']?\s*\)/.exec(style.getPropertyValue('src'))?.[1];
      if (src === undefined) continue;
      out.push({ url: new URL(src, sheet.href ?? document.baseURI).href, range: style.getPropertyValue('unicode-range') });
    }
  }
  return out;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * @font-face rules, with the font inlined, for the slices of the interface's font that cover a character
 * of `text`; '' when the page has none of its rules (or none could be read). A slice that cannot be
 * fetched is left out: the report then falls back to the reader's fonts for those characters.
 */
export async function embeddedFontCss(text: string): Promise<string> {
  const codes = new Set<number>();
  for (const ch of text) if (ch.codePointAt(0)! > 0x20) codes.add(ch.codePointAt(0)!);
  const needed = fontFaces().filter((f) => covers(unicodeRanges(f.range), codes));
  const rules = await Promise.all(
    needed.map(async ({ url, range }) => {
      try {
        const res = await fetch(url);
        if (!res.ok) return '';
        const data = base64(new Uint8Array(await res.arrayBuffer()));
        const unicodeRange = range.trim() === '' ? '' : ` unicode-range: ${range};`;
        return `@font-face { font-family: '${FAMILY}'; font-style: normal; font-weight: ${WEIGHT}; font-display: block; src: url(data:font/woff2;base64,${data}) format('woff2');${unicodeRange} }`;
      } catch {
        return '';
      }
    }),
  );
  return rules.filter((r) => r !== '').join('\n');
}
