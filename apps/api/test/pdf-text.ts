/** A PDF read back with Mozilla's pdf.js, as a reader's viewer reads it: each page's text and structure roles. */
export async function readPdf(pdf: Buffer) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false });
  const document = await task.promise;
  const pages: Array<{ text: string; roles: string[] }> = [];
  for (let i = 1; i <= document.numPages; i++) {
    const page = await document.getPage(i);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('');
    const roles: string[] = [];
    const walk = (node: { role?: string; children?: unknown[] } | null) => {
      if (!node) return;
      if (node.role) roles.push(node.role);
      for (const child of node.children ?? []) walk(child as { role?: string; children?: unknown[] });
    };
    walk((await page.getStructTree()) as { role?: string; children?: unknown[] } | null);
    pages.push({ text: text.replace(/\s+/g, ' '), roles });
  }
  await task.destroy();
  return pages;
}
