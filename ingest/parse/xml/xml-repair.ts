const bareAmpersand = /&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z_][\w.-]*;)/g;

/**
 * Escapes the two slips that real publication files contain (seen in EPO samples): a bare `&` in a
 * name ("Kador & Partner") and a literal `<` in text ("<First Embodiment</heading>"). A `<` counts as
 * literal when it does not start a name, or when another `<` comes before its closing `>`. Nothing
 * else is changed, so a truncated document stays truncated and is still reported.
 */
export function repairXmlText(xml: string): string {
  const ampersandsFixed = xml.replace(bareAmpersand, '&amp;');
  const parts: string[] = [];
  let from = 0;
  let open = ampersandsFixed.indexOf('<');
  while (open >= 0) {
    const next = ampersandsFixed.indexOf('<', open + 1);
    const close = ampersandsFixed.indexOf('>', open + 1);
    const startsMarkup = /[A-Za-z_/!?]/.test(ampersandsFixed[open + 1] ?? '');
    const unclosedBeforeNext = close < 0 || (next >= 0 && next < close);
    // Comments and CDATA may legally contain `<`; leave them alone.
    const isSpecial =
      ampersandsFixed.startsWith('<!--', open) || ampersandsFixed.startsWith('<![CDATA[', open);
    if (!isSpecial && (!startsMarkup || unclosedBeforeNext)) {
      parts.push(ampersandsFixed.slice(from, open), '&lt;');
      from = open + 1;
    }
    open = next;
  }
  parts.push(ampersandsFixed.slice(from));
  return parts.join('');
}
