// Settings on disk (conf, schema-validated), and a settings directory that cannot be used.
export * from './settings.js';
export * from './dir.js';
