import { defineConfig } from 'tsup';

const INTERNAL = new RegExp(
  `^(${[
    ...['controller', 'trickler', 'offerer', 'resource', 'gone', 'up', 'etag', 'cors', 'ufrag', 'pwd', 'mline', 'candidates', 'end'],
    ...['negotiate', 'prepare', 'heal', 'follow', 'probe', 'describe', 'accept', 'answer', 'offer', 'post', 'patch'],
    ...['http', 'options', 'transition', 'begin', 'sent'],
  ].join('|')})$`,
);

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Shipped minified: terser's output stays smaller than esbuild's even after an app's bundler
  // minifies it again (size-limit re-minifies with esbuild).
  minify: 'terser',
  terserOptions: {
    module: true,
    // Measured with size-limit: functions inlined into their callers compress worse than the calls
    // they replace; function declarations hoisted together compress better.
    compress: { passes: 2, reduce_funcs: false, inline: false, hoist_funs: true },
    // Internal names only (Attempt, ICE parameters, the sessions' protected steps): no app reads
    // them, and no platform object we touch has a property so named (`builtins`: terser would
    // otherwise keep every name some DOM interface uses, like `options`).
    mangle: { properties: { regex: INTERNAL, builtins: true } },
  },
});
