import { SaxesParser } from 'saxes';

/**
 * Test support: reads an XML document with a real parser (saxes, namespace-aware) into a small tree,
 * so tests check what a feed reader or a search engine's crawler would read, and a document that is
 * not well-formed fails the test.
 */
export interface XmlElement {
  /** Namespace URI and local name, as `{uri}name`. */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export function readXml(document: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (typeof attribute !== 'string') attributes[attribute.local === '' ? attribute.name : attribute.local] = attribute.value;
    }
    const element: XmlElement = { name: `{${tag.uri ?? ''}}${tag.local ?? tag.name}`, attributes, children: [], text: '' };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(document).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** The children of `element` named `{uri}name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The text of the one child named `{uri}name`, or undefined. */
export function childText(element: XmlElement, name: string): string | undefined {
  return childrenNamed(element, name)[0]?.text;
}
