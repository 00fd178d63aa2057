/**
 * What a page of the production build costs to download: from Vite's manifest, the files a page loads
 * before it can run (its entry, every chunk the entry imports, directly or through other chunks, and their
 * CSS), plus the workers it starts, which come later and are counted apart. Pure: the sizes come in as a
 * function, so the figures script reads the disk and the tests need none.
 */

/** One entry of dist/client/.vite/manifest.json (the fields used here). */
export interface ManifestChunk {
  readonly file: string;
  readonly imports?: readonly string[];
  readonly css?: readonly string[];
  readonly assets?: readonly string[];
  readonly isEntry?: boolean;
}

export type Manifest = Readonly<Record<string, ManifestChunk>>;

export interface PageFiles {
  /** The HTML, the entry JS, imported chunks and CSS, each once, in load order. */
  readonly upFront: readonly string[];
  /** JS assets the page starts as workers (emitted as assets, not imports). */
  readonly workers: readonly string[];
}

/** The page's files, or null when the manifest has no entry for `html` (the page is not built). */
export function pageFiles(manifest: Manifest, html: string): PageFiles | null {
  const entry = manifest[html];
  if (!entry?.isEntry) return null;
  const upFront: string[] = [html];
  const workers: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest names ${key} but has no entry for it`);
    upFront.push(chunk.file);
    for (const css of chunk.css ?? []) if (!upFront.includes(css)) upFront.push(css);
    for (const asset of chunk.assets ?? [])
      if (asset.endsWith(".js") && !workers.includes(asset)) workers.push(asset);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(html);
  return { upFront, workers };
}

export interface Sizes {
  readonly raw: number;
  readonly gzip: number;
}

export function totalSize(files: readonly string[], sizeOf: (file: string) => Sizes): Sizes {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const s = sizeOf(f);
    raw += s.raw;
    gzip += s.gzip;
  }
  return { raw, gzip };
}

/** "12.3 kB" (1 kB = 1,000 bytes, as browsers' network panels count). */
export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
