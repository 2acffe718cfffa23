// marked-man ships no types: it is a marked extension (options, renderer, tokenizer) plus the
// page date it takes from SOURCE_DATE_EPOCH.
declare module 'marked-man' {
  import type { MarkedExtension } from 'marked';
  const markedMan: MarkedExtension & { date: number };
  export default markedMan;
}
