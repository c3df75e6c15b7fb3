import { describe, expect, it } from 'vitest';
import { child, childText, parseXml, XmlReader } from './xml.ts';

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

describe('XmlReader (a document in parts)', () => {
  const inParts = (text: string, size: number) => {
    const reader = new XmlReader();
    for (let i = 0; i < text.length; i += size) reader.write(text.slice(i, i + size));
    return reader.end();
  };

  it('reads the same in parts of any size as whole, errors and their lines included', () => {
    const texts = [
      '\uFEFF<?xml version="1.0"?>\n<!DOCTYPE Message [ <!ENTITY x "y"> ]>\n<!-- a <comment> -->\n' +
        '<m:Message a=\'1>2\' b="<">\n<Header><Year>2025</Year></Header>\n<c><![CDATA[<x> & ]]>y&amp;&#x42;</c>' +
        '<Empty/><Long>' +
        'word '.repeat(40) +
        '</Long>\n</m:Message>\n',
      '<a>\n<b>\n</a>',
      '<a>\n<b>x</b>',
      '<a>\n&nbsp;</a>',
      '<a>\n<b</a>',
      '<a/><b/>',
      '<a><!-- x </a>',
      'hello',
      '<a>\n\n<![CDATA[ never',
      '<a></a>\n<',
      '',
      '   \n',
    ];
    expect(parseXml(texts[0] as string).ok).toBe(true);
    for (const text of texts) {
      const whole = parseXml(text);
      for (const size of [1, 2, 3, 5, 8, 13, 64]) expect(inParts(text, size)).toEqual(whole);
    }
  });

  it('lets each record go as it closes', () => {
    const seen: string[] = [];
    const reader = new XmlReader((element) => {
      if (element.name !== 'Child') return false;
      seen.push(childText(element, 'Id'));
      return true;
    });
    for (const part of [
      '<Message><Children><Child><Id>1</I',
      'd></Child><Child><Id>2</Id></Child></Children></Message>',
    ])
      reader.write(part);
    const result = reader.end();
    expect(seen).toEqual(['1', '2']);
    expect(result.ok && child(result.root, 'Children')?.children).toEqual([]);
  });
});
