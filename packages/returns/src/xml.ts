/**
 * A small XML reader for the CIN census, an element-only schema: it builds a tree of elements (local names,
 * namespace prefixes dropped, attributes ignored) with their text. It handles the XML declaration and other
 * processing instructions, a DOCTYPE, comments, CDATA sections, the five named entities and numeric character
 * references. Anything malformed (a tag never closed, a mismatched end tag, an unknown entity) is reported
 * with its line, never thrown. Hand-written to stay small and fast in Node and in a web worker.
 */

export interface XmlElement {
  /** Local name: `cin:Child` is `Child`. */
  name: string;
  /** Shared and empty for an element without children (most of them): never push to it, `scan` replaces it. */
  children: XmlElement[];
  /** The element's own text (entities decoded, CDATA kept), untrimmed. */
  text: string;
}

export type XmlResult = { ok: true; root: XmlElement } | { ok: false; line: number; message: string };

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const NO_CHILDREN: XmlElement[] = [];

class XmlError extends Error {
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(message);
  }
}

function decodeEntities(text: string, position: number): string {
  if (text.indexOf('&') < 0) return text;
  let out = '';
  let from = 0;
  for (;;) {
    const amp = text.indexOf('&', from);
    if (amp < 0) return out + text.slice(from);
    const semi = text.indexOf(';', amp);
    if (semi < 0) throw new XmlError(position + amp, 'an "&" that does not start an entity (write &amp;)');
    const name = text.slice(amp + 1, semi);
    let decoded: string | undefined;
    if (name.startsWith('#x') || name.startsWith('#X')) {
      const code = Number.parseInt(name.slice(2), 16);
      decoded = /^[0-9a-fA-F]+$/.test(name.slice(2)) && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
    } else if (name.startsWith('#')) {
      const code = Number.parseInt(name.slice(1), 10);
      decoded = /^[0-9]+$/.test(name.slice(1)) && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
    } else {
      decoded = NAMED_ENTITIES[name];
    }
    if (decoded === undefined) throw new XmlError(position + amp, `unknown entity "&${name};"`);
    out += text.slice(from, amp) + decoded;
    from = semi + 1;
  }
}

function lineOf(text: string, position: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < position; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function isNameEnd(c: number): boolean {
  // whitespace, '>', '/', '<'
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 62 || c === 47 || c === 60;
}

/** Whether text[from, to) is only spaces, tabs and line ends. */
function isBlank(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return false;
  }
  return true;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** Thrown while reading a part of a document when a token runs past its end: read again with the next part. */
class NeedMore extends Error {}
/** One, made once: an error's stack is costly to capture, and a national census is thousands of parts. */
const NEED_MORE = new NeedMore();

/**
 * Called as each element closes, with its children read; returning true lets it go (it is not kept in
 * its parent), so a large document can be read one record at a time.
 */
export type OnElementClose = (element: XmlElement) => boolean;

/**
 * Reads a document given in parts (`write` each in order, then `end`), so a large file need never be held as
 * one string: each part is read up to its last whole token and the rest kept for the next. Reading it whole
 * (`parseXml`) is the same with one part.
 */
export class XmlReader {
  private readonly stack: XmlElement[] = [];
  private readonly qualifiedNames: string[] = [];
  private root: XmlElement | null = null;
  /** The end of the last part, not yet read (a token cut in two). */
  private rest = '';
  /** Lines in the parts already read, for the line of an error. */
  private linesBefore = 0;
  private started = false;
  private failed: { line: number; message: string } | null = null;
  /** Where the token being read starts: a part is read again from there when the token runs past its end. */
  private tokenStart = 0;

  constructor(private readonly onClose?: OnElementClose) {}

  write(part: string): void {
    if (this.failed || part === '') return;
    let text = this.rest === '' ? part : this.rest + part;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const read = this.read(text, false);
    if (read < 0) return;
    this.linesBefore += lineOf(text, read) - 1;
    this.rest = read === text.length ? '' : text.slice(read);
  }

  end(): XmlResult {
    if (!this.failed) {
      const text = this.rest;
      this.rest = '';
      const read = this.read(text, true);
      if (read >= 0) {
        if (this.stack.length > 0) {
          this.fail(
            text,
            new XmlError(
              text.length,
              `the element <${this.qualifiedNames[this.qualifiedNames.length - 1]}> is never closed`,
            ),
          );
        } else if (!this.root) this.fail(text, new XmlError(0, 'no element in the file'));
      }
    }
    if (this.failed) return { ok: false, ...this.failed };
    return { ok: true, root: this.root as XmlElement };
  }

  private fail(text: string, error: XmlError): void {
    this.failed = { line: this.linesBefore + lineOf(text, error.position), message: error.message };
  }

  /** Reads `text` up to its last whole token (all of it when `final`); -1 after an error. */
  private read(text: string, final: boolean): number {
    this.tokenStart = 0;
    try {
      this.scan(text, final);
      return text.length;
    } catch (error) {
      if (error instanceof NeedMore) return this.tokenStart;
      if (error instanceof XmlError) {
        this.fail(text, error);
        return -1;
      }
      throw error;
    }
  }

  /** Where `end` is found after `from`; past the end of the part, more is needed (or, when `final`, an error). */
  private static skipPast(text: string, from: number, end: string, what: string, final: boolean): number {
    const at = text.indexOf(end, from);
    if (at < 0) {
      if (!final) throw NEED_MORE;
      throw new XmlError(from, `${what} is never closed`);
    }
    return at + end.length;
  }

  private scan(text: string, final: boolean): void {
    const { stack, qualifiedNames, onClose } = this;
    const skipPast = (from: number, end: string, what: string) => XmlReader.skipPast(text, from, end, what, final);
    const more = (position: number, message: string): never => {
      if (!final) throw NEED_MORE;
      throw new XmlError(position, message);
    };
    let i = 0;
    const length = text.length;
    while (i < length) {
      this.tokenStart = i;
      const lt = text.indexOf('<', i);
      if (lt < 0 && !final) throw NEED_MORE;
      const textEnd = lt < 0 ? length : lt;
      if (textEnd > i && !isBlank(text, i, textEnd)) {
        // Whitespace between elements is dropped without building a string: most of a census is indentation.
        const raw = text.slice(i, textEnd);
        const top = stack[stack.length - 1];
        if (top) top.text += decodeEntities(raw, i);
        else throw new XmlError(i, 'text outside the root element');
      }
      if (lt < 0) break;
      i = lt;
      this.tokenStart = i;
      // Enough of the token to tell what it is (`<![CDATA[` is the longest opening).
      if (!final && length - i < 9 && text.indexOf('>', i) < 0) throw NEED_MORE;
      if (text.startsWith('<!--', i)) {
        i = skipPast(i + 4, '-->', 'a comment');
      } else if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i + 9);
        if (end < 0) more(i, 'a CDATA section is never closed');
        const top = stack[stack.length - 1];
        if (!top) throw new XmlError(i, 'a CDATA section outside the root element');
        top.text += text.slice(i + 9, end);
        i = end + 3;
      } else if (text.startsWith('<?', i)) {
        i = skipPast(i + 2, '?>', 'a processing instruction');
      } else if (text.startsWith('<!', i)) {
        const bracket = text.indexOf('[', i);
        const close = text.indexOf('>', i);
        if (close < 0 && !final) throw NEED_MORE;
        i = bracket >= 0 && bracket < close ? skipPast(bracket, ']>', 'a DOCTYPE') : skipPast(i, '>', 'a DOCTYPE');
      } else if (text.charCodeAt(i + 1) === 47) {
        const close = text.indexOf('>', i);
        if (close < 0) more(i, 'an end tag is never closed');
        const open = qualifiedNames.pop();
        if (open === undefined)
          throw new XmlError(i, `end tag </${text.slice(i + 2, close).trim()}> with no element open`);
        if (!text.startsWith(open, i + 2) || !isBlank(text, i + 2 + open.length, close)) {
          throw new XmlError(i, `end tag </${text.slice(i + 2, close).trim()}> where </${open}> was expected`);
        }
        const closed = stack.pop() as XmlElement;
        closeElement(closed, stack[stack.length - 1], onClose);
        i = close + 1;
      } else {
        let j = i + 1;
        while (j < length && !isNameEnd(text.charCodeAt(j))) j++;
        const qualified = text.slice(i + 1, j);
        if (j >= length && !final) throw NEED_MORE;
        if (qualified === '') throw new XmlError(i, 'a "<" that does not start a tag (write &lt;)');
        // Attributes are ignored, but a ">" inside a quoted value must not end the tag.
        let quote = 0;
        while (j < length) {
          const c = text.charCodeAt(j);
          if (quote !== 0) {
            if (c === quote) quote = 0;
          } else if (c === 34 || c === 39) quote = c;
          else if (c === 62) break;
          else if (c === 60) throw new XmlError(i, `the tag <${qualified}> is never closed`);
          j++;
        }
        if (j >= length) more(i, `the tag <${qualified}> is never closed`);
        const selfClosing = text.charCodeAt(j - 1) === 47;
        const element: XmlElement = { name: localName(qualified), children: NO_CHILDREN, text: '' };
        const parent = stack[stack.length - 1];
        if (parent) {
          if (parent.children === NO_CHILDREN) parent.children = [element];
          else parent.children.push(element);
        } else if (this.root) throw new XmlError(i, 'a second root element');
        else this.root = element;
        if (selfClosing) closeElement(element, parent, onClose);
        else {
          stack.push(element);
          qualifiedNames.push(qualified);
        }
        i = j + 1;
      }
    }
  }
}

function closeElement(element: XmlElement, parent: XmlElement | undefined, onClose: OnElementClose | undefined): void {
  if (parent && onClose?.(element)) parent.children.pop();
}

export function parseXml(text: string, onClose?: OnElementClose): XmlResult {
  const reader = new XmlReader(onClose);
  reader.write(text);
  return reader.end();
}

/** The first child called `name`, if any. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  for (const c of element.children) if (c.name === name) return c;
  return undefined;
}

/** Every child called `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of element.children) if (c.name === name) out.push(c);
  return out;
}

/** The trimmed text of the first child called `name`, or '' when it is absent. */
export function childText(element: XmlElement, name: string): string {
  return child(element, name)?.text.trim() ?? '';
}
