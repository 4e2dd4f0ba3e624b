import { attribute, prefixedAttribute, type XmlElement } from '@/lib/extract/xml-text';

/**
 * The automatic styles of an OpenDocument content.xml that hide things: a table style with
 * `table:display="false"` (a hidden sheet), a drawing-page style with
 * `presentation:visibility="hidden"` (a hidden slide), a text style with `text:display="none"`
 * (hidden text). They come before the body, so one pass can collect them and then use them.
 */
export class HidingStyles {
  readonly hiddenTables = new Set<string>();
  readonly hiddenPages = new Set<string>();
  readonly hiddenText = new Set<string>();
  private style: string | undefined;

  open(element: XmlElement): void {
    switch (element.local) {
      case 'style':
        this.style = prefixedAttribute(element, 'name');
        break;
      case 'table-properties':
        if (this.style && prefixedAttribute(element, 'display') === 'false') this.hiddenTables.add(this.style);
        break;
      case 'drawing-page-properties':
        if (this.style && prefixedAttribute(element, 'visibility') === 'hidden') this.hiddenPages.add(this.style);
        break;
      case 'text-properties':
        if (this.style && (prefixedAttribute(element, 'display') === 'none' || attribute(element, 'text:display') === 'none')) this.hiddenText.add(this.style);
        break;
    }
  }

  close(local: string): void {
    if (local === 'style') this.style = undefined;
  }
}
