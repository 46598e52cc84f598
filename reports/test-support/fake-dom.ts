/**
 * @module Just enough of a DOM to run the HTML report's page script under Node (no browser in unit
 * tests): elements with attributes, children, text, events, `hidden`/`open`/`value`, and the document
 * calls the script makes. Elements the template declares by id are created up front. It checks that the
 * script runs and what it builds; how the page looks is for a browser to show.
 */

type Listener = (event: { type: string; preventDefault(): void; key?: string }) => void;

export class FakeNode {
  parent: FakeElement | FakeFragment | undefined;
  childNodes: FakeNode[] = [];

  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }

  get firstChild(): FakeNode | undefined {
    return this.childNodes[0];
  }

  /** As in a browser, anything that is not a node (an array, say) is appended as its string. */
  append(...nodes: unknown[]): void {
    for (const node of nodes) this.#adopt(node instanceof FakeNode ? node : new FakeText(String(node)));
  }

  replaceChildren(...nodes: unknown[]): void {
    for (const child of this.childNodes) child.parent = undefined;
    this.childNodes = [];
    this.append(...nodes);
  }

  replaceWith(...nodes: FakeNode[]): void {
    const parent = this.parent;
    if (!parent) return;
    const at = parent.childNodes.indexOf(this);
    parent.childNodes.splice(at, 1);
    this.parent = undefined;
    const adopted = nodes.flatMap((n) => (n instanceof FakeFragment ? n.#take() : [n]));
    for (const n of adopted) n.parent = parent;
    parent.childNodes.splice(at, 0, ...adopted);
  }

  #adopt(node: FakeNode): void {
    if (node instanceof FakeFragment) {
      for (const child of node.#take()) this.#adopt(child);
      return;
    }
    if (node.parent) node.parent.childNodes.splice(node.parent.childNodes.indexOf(node), 1);
    node.parent = this as unknown as FakeElement;
    this.childNodes.push(node);
  }

  #take(): FakeNode[] {
    const taken = this.childNodes;
    this.childNodes = [];
    return taken;
  }
}

export class FakeText extends FakeNode {
  constructor(readonly data: string) {
    super();
  }

  override get textContent(): string {
    return this.data;
  }
}

export class FakeFragment extends FakeNode {}

export class FakeElement extends FakeNode {
  readonly attributes = new Map<string, string>();
  readonly #listeners = new Map<string, Listener[]>();
  hidden = false;
  open = false;
  value = '';

  constructor(readonly tagName: string) {
    super();
  }

  override get textContent(): string {
    return super.textContent;
  }

  override set textContent(text: string) {
    this.replaceChildren(text);
  }

  set className(value: string) {
    this.setAttribute('class', value);
  }

  get dataset(): Record<string, string> {
    const data: Record<string, string> = {};
    for (const [k, v] of this.attributes)
      if (k.startsWith('data-')) data[k.slice(5).replace(/-(.)/g, (_, c: string) => c.toUpperCase())] = v;
    return data;
  }

  setAttribute(name: string, value: string): void {
    if (name === 'hidden') this.hidden = true;
    this.attributes.set(name, String(value));
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  addEventListener(type: string, listener: Listener): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  dispatch(type: string): void {
    for (const l of this.#listeners.get(type) ?? []) l({ type, preventDefault: () => undefined });
  }

  /** Opens or closes a <details> the way a click on its summary does. */
  toggle(open = !this.open): void {
    this.open = open;
    this.dispatch('toggle');
  }

  click(): void {
    this.dispatch('click');
  }

  focus(): void {}
  scrollIntoView(): void {}

  /** Every descendant element, depth first. */
  all(): FakeElement[] {
    return this.childNodes.flatMap((c) => (c instanceof FakeElement ? [c, ...c.all()] : []));
  }

  find(predicate: (e: FakeElement) => boolean): FakeElement[] {
    return this.all().filter(predicate);
  }

  hasClass(name: string): boolean {
    return (this.getAttribute('class') ?? '').split(/\s+/).includes(name);
  }
}

export interface FakeWindow {
  document: FakeDocument;
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(state: unknown, title: string, url: string): void };
  Node: typeof FakeNode;
  URLSearchParams: typeof URLSearchParams;
  setTimeout: typeof setTimeout;
  clearTimeout: typeof clearTimeout;
}

export class FakeDocument {
  title = '';
  activeElement: FakeElement | undefined;
  readonly body = new FakeElement('body');
  readonly #byId = new Map<string, FakeElement>();

  /** The elements the template declares (`id="…"`), each with the given text, attached to the body. */
  constructor(ids: readonly string[], text: Record<string, string> = {}) {
    for (const id of ids) {
      const el = new FakeElement('div');
      el.setAttribute('id', id);
      if (text[id] !== undefined) el.textContent = text[id];
      this.#byId.set(id, el);
      this.body.append(el);
    }
  }

  getElementById(id: string): FakeElement | null {
    return this.#byId.get(id) ?? null;
  }

  createElement(tag: string): FakeElement {
    return new FakeElement(tag);
  }

  createElementNS(_ns: string, tag: string): FakeElement {
    return new FakeElement(tag);
  }

  createTextNode(text: string): FakeText {
    return new FakeText(text);
  }

  createDocumentFragment(): FakeFragment {
    return new FakeFragment();
  }

  addEventListener(): void {}

  querySelectorAll(selector: string): FakeElement[] {
    const attr = /^\[([\w-]+)\]$/.exec(selector)?.[1];
    if (!attr) throw new Error(`fake DOM: unsupported selector ${selector}`);
    return this.body.find((e) => e.attributes.has(attr));
  }
}

export function fakeWindow(document: FakeDocument, hash = ''): FakeWindow {
  const location = { hash, pathname: '/samlspec-report.html', search: '' };
  return {
    document,
    location,
    history: {
      replaceState: (_state, _title, url) => {
        location.hash = url.startsWith('#') ? url : '';
      },
    },
    Node: FakeNode,
    URLSearchParams,
    setTimeout,
    clearTimeout,
  };
}
