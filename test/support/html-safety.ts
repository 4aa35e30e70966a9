import { Parser } from 'htmlparser2';

/**
 * What in `html` could run or load something, as a browser would parse it: script-like elements,
 * frames, event handler attributes, `javascript:`-style addresses, remote resources (when `remote` is
 * false) and a `<base>` or `<meta http-equiv="refresh">`. Empty for a page that is inert.
 */
export function executableMarkup(html: string, options: { readonly allowRemote?: boolean } = {}): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (['script', 'iframe', 'frame', 'object', 'embed', 'applet', 'form', 'base', 'svg', 'math'].includes(name))
          found.push(`<${name}>`);
        if (name === 'meta' && /refresh/i.test(attributes['http-equiv'] ?? '')) found.push('<meta refresh>');
        for (const [attribute, value] of Object.entries(attributes)) {
          if (/^on/i.test(attribute)) found.push(`${name} ${attribute}`);
          if (attribute === 'style') found.push(`${name} style`);
          if (['href', 'src', 'action', 'formaction', 'srcset', 'xlink:href', 'poster', 'data'].includes(attribute)) {
            // eslint-disable-next-line no-control-regex -- what browsers drop from an address before reading its scheme
            const cleaned = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
            const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
            const inlineImage = name === 'img' && /^data:image\/(png|gif|jpeg|webp);/i.test(cleaned);
            if (scheme !== undefined && !['http', 'https', 'mailto'].includes(scheme) && !inlineImage)
              found.push(`${name} ${attribute}=${value}`);
            if (!options.allowRemote && attribute !== 'href' && /^([a-z]+:)?\/\//i.test(cleaned))
              found.push(`remote ${name} ${attribute}=${value}`);
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}
