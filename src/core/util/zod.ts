// zod for src/: the tree-shakable `zod/mini` API (the classic `zod` import bundles all of zod, ~730 KB).
// Import it as a namespace, `import * as z from './zod.js'`, so the bundler keeps only what is used.
// zod/mini loads no locale, so every message would read "Invalid input"; the English one the classic
// import sets up by default keeps messages as they were. Schemas import zod from here so it is in place.
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());

export * from 'zod/mini';
