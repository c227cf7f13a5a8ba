import type { HtmlTagDescriptor, Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/** The chunk `file` and every chunk it imports statically, into `into`. */
function withStaticImports(file: string, bundle: OutputBundle, into: Set<string>): void {
  const output = bundle[file];
  if (into.has(file) || output?.type !== 'chunk') return;
  into.add(file);
  for (const imported of output.imports) withStaticImports(imported, bundle, into);
}

/** Chunks of the modules in `wanted` that the page imports at run time, with what they import, minus what the page loads anyway. */
function chunksToPreload(entry: OutputChunk, bundle: OutputBundle, wanted: readonly string[]): string[] {
  const eager = new Set<string>();
  withStaticImports(entry.fileName, bundle, eager);
  const lazy = new Set<string>();
  for (const file of eager) {
    const output = bundle[file];
    if (output?.type !== 'chunk') continue;
    for (const dynamic of output.dynamicImports) {
      const target = bundle[dynamic];
      const module = target?.type === 'chunk' ? target.facadeModuleId : null;
      if (module && wanted.some((path) => module.endsWith(path))) withStaticImports(dynamic, bundle, lazy);
    }
  }
  return [...lazy].filter((file) => !eager.has(file));
}

/**
 * Adds `<link rel="modulepreload">` for chunks a page imports at run time (`modules`, paths as
 * they end, e.g. `src/view/live-game.js`). Without a hint the browser learns of such a chunk only
 * once the entry script has been downloaded and run: one more round trip late. Only what joining
 * waits for is worth a hint; preloading everything would split a slow connection between the
 * chunk needed now and the ones needed later.
 */
export function preloadLazyChunks(modules: readonly string[]): Plugin {
  return {
    name: 'hostmesh-preload-lazy-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context): HtmlTagDescriptor[] {
        if (!context.bundle || !context.chunk) return [];
        return chunksToPreload(context.chunk, context.bundle, modules).map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head',
        }));
      },
    },
  };
}
