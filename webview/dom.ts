// The page's fixed elements, by id (src/webviewHost/html.ts writes them). A missing one is a bug
// in that page, so it throws at start-up rather than as a null later.

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  // The DOM types getElementById as HTMLElement; the caller names the tag its page gives that id.
  return el as T;
}
