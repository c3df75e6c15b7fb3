import { describe, expect, it } from 'vitest';
import { child, childText, parseXml } from './xml.ts';

const root = (text: string) => {
  const result = parseXml(text);
  if (!result.ok) throw new Error(`${result.line}: ${result.message}`);
  return result.root;
};

describe('parseXml', () => {
  it('reads elements and text, skipping the declaration, comments, DOCTYPE and attributes', () => {
    const message = root(
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE Message>\n<!-- a comment with <tags> -->\n' +
        '<Message xmlns="http://x" a=\'1>2\'><Header><Year>2025</Year></Header><Empty/></Message>',
    );
    expect(message.name).toBe('Message');
    expect(childText(child(message, 'Header') ?? message, 'Year')).toBe('2025');
    expect(child(message, 'Empty')?.children).toEqual([]);
  });

  it('drops namespace prefixes', () => {
    const message = root('<cin:Message xmlns:cin="u"><cin:Child>1</cin:Child></cin:Message>');
    expect(message.name).toBe('Message');
    expect(childText(message, 'Child')).toBe('1');
  });

  it('decodes entities and numeric references, keeps CDATA as written', () => {
    const message = root('<a><b>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;</b><c><![CDATA[<x> & y]]></c></a>');
    expect(childText(message, 'b')).toBe('&<>"\'AB');
    expect(childText(message, 'c')).toBe('<x> & y');
  });

  it.each([
    ['<a>\n<b>\n</a>', 3, 'end tag </a> where </b> was expected'],
    ['<a>\n<b>x</b>', 2, 'the element <a> is never closed'],
    ['<a>\n&nbsp;</a>', 2, 'unknown entity "&nbsp;"'],
    ['<a>\n<b</a>', 2, 'the tag <b> is never closed'],
    ['<a/><b/>', 1, 'a second root element'],
    ['<a><!-- x </a>', 1, 'a comment is never closed'],
    ['hello', 1, 'text outside the root element'],
  ])('reports %j at line %i', (text, line, message) => {
    expect(parseXml(text)).toEqual({ ok: false, line, message });
  });
});
