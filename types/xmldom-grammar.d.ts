// Typings for the one internal module of @xmldom/xmldom that samlspec touches (mock-idp/util/xmldom-pattern-cache.ts):
// the grammar's regular-expression builder and its constant expressions. The package ships no typings for it.
declare module '@xmldom/xmldom/lib/grammar.js' {
  const grammar: { reg: (...parts: Array<string | RegExp>) => RegExp } & Record<string, unknown>;
  export default grammar;
}
