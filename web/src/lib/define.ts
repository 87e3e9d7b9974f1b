/** define registers a custom element unless a copy of this script already did. */
export function define(name: string, ctor: CustomElementConstructor) {
  if (!customElements.get(name)) customElements.define(name, ctor);
}
