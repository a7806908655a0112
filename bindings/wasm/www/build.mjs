// Bundles the app's pages (kpi.js, quality.js and what they import, with
// Observable Plot) into www/dist/ with esbuild: ES modules, a shared chunk
// for what both pages use. The library stays outside the bundle: the pages
// import ../js/web.js, which fetches its .wasm from beside itself, so one
// copy serves every page and the index page too. Run by build.sh.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, 'dist');
const library = join(here, '..', 'js', 'web.js');

// `../js/web.js` from www/ is `../../js/web.js` from www/dist/.
const keepLibraryOutside = {
  name: 'library-outside',
  setup(b) {
    b.onResolve({ filter: /\/js\/web\.js$/ }, (args) => {
      const target = join(args.resolveDir, args.path);
      if (target !== library) return undefined;
      return { path: relative(outdir, library).split('\\').join('/'), external: true };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(here, 'kpi.js'), join(here, 'quality.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [keepLibraryOutside],
});
const sizes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .map(([file, out]) => `${relative(here, file)} ${out.bytes} bytes`);
console.log(`app bundle: ${sizes.join(', ')}`);
