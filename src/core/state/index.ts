// The state: the squad's domain facts (squad-state), a window's view (view-state), its dialogs,
// one store holding both halves, and the selectors that read them.
export * from './dialogs.js';
export * from './selectors.js';
export * from './squad-state.js';
export * from './store.js';
export * from './view-state.js';
export * from './notices.js';
export * from './saved-squad.js';
export * from './saved-squad-offer.js';
export * from './saved-squad-writer.js';
