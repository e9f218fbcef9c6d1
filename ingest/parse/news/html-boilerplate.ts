import type { parseHTML } from 'linkedom';

/** The DOM linkedom builds (the project compiles without the browser DOM typings). */
export type HtmlDom = ReturnType<typeof parseHTML>['document'];

/** The few element members the cleanup uses (linkedom's NodeList is typed loosely). */
interface DomElement {
  tagName: string;
  isConnected: boolean;
  textContent: string | null;
  getAttribute(name: string): string | null;
  remove(): void;
}

/** Elements that never hold article prose. */
const boilerplateTags = 'nav, aside, footer, form, button, select, iframe, figcaption, noscript, svg, dialog';

const boilerplateRoles =
  '[role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [hidden]';

/**
 * Class/id tokens of sharing bars, related-story lists, newsletter boxes, ads, captions, bylines and
 * similar furniture. A token matches on word boundaries inside `-`/`_` names (`social-share`,
 * `related_posts`) so `article-body` or `shareholder` are not hit.
 */
const boilerplateName =
  /(?:^|[-_])(share|sharing|sharebar|social|related|recommended|recommendations|newsletter|subscribe|subscription|promo|advert|advertisement|ad|ads|adslot|dfp|sponsored|breadcrumb|breadcrumbs|byline|caption|credit|credits|timestamp|comments|comment|cookie|cookies|popup|modal|sidebar|recirc|outbrain|taboola|tags|signup|paywall|trending|popular|toolbar|disclaimer|author-bio|bio|more-stories|read-more|inline-link|newsletter-signup|video-player)(?:$|[-_])/i;

/** Removes navigation, sharing, related-story, ad and caption blocks before readability scoring. */
export function removeBoilerplate(document: HtmlDom): void {
  for (const element of Array.from(
    document.querySelectorAll(`${boilerplateTags}, ${boilerplateRoles}`),
  ) as DomElement[]) {
    element.remove();
  }
  const body = document.body;
  if (!body) return;
  const pageLength = (body.textContent ?? '').length;
  for (const element of Array.from(body.querySelectorAll('[class], [id]')) as DomElement[]) {
    if (!element.isConnected) continue;
    const tag = element.tagName.toLowerCase();
    if (tag === 'body' || tag === 'html' || tag === 'article' || tag === 'main') continue;
    const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.split(/\s+/);
    if (!names.some((name) => boilerplateName.test(name))) continue;
    // A wrapper whose class merely mentions sharing but holds most of the page is the article itself.
    if ((element.textContent ?? '').length > pageLength * 0.3) continue;
    element.remove();
  }
}

const boilerplateLine =
  /^(advert(isement)?|ad|skip to (main )?content|share( this( story| article)?)?( on \w+)?|sign in|sign up|subscribe|log ?in|continue reading( below)?|read more( here)?|this slideshow requires javascript\.?|comments?|tell us what you think.*|related( stories| articles| coverage)?:?.*|also on [\w.]+ .*|like this story\? share it.*|more:? .{0,80}|see also:? .*|(image|photo|picture)( credit)?:? ?[(©].*|\(image:? ?©.*\)|updated:? .{0,60}|posted:? .{0,60}|published:? .{0,60}|get the latest .{0,80}(newsletter|inbox).*|(click|tap) here .{0,80})$/i;

/** True for a paragraph that is page furniture (ad labels, share prompts, timestamps, "Related:" links). */
export function isBoilerplateParagraph(paragraph: string): boolean {
  return boilerplateLine.test(paragraph.trim());
}
