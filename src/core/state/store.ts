// The window's store: the squad half and the view half, each with its own reducer, behind one
// tiny external store. Services get only the squad half (squadStore): a background host can then
// own a squad store of its own and stream the same squad actions to each window's replica.
import { type SquadAction, type SquadState, initialSquadState, isSquadAction, reduceSquad } from './squad-state.js';
import { type ViewAction, type ViewState, initialViewState, reduceView, viewFollowsSquad } from './view-state.js';

export interface State {
  readonly squad: SquadState;
  readonly view: ViewState;
}

export type Action = SquadAction | ViewAction;

export function initialState(size: { cols: number; rows: number }): State {
  return { squad: initialSquadState(), view: initialViewState(size) };
}

export function reduce(state: State, action: Action): State {
  if (isSquadAction(action)) {
    const squad = reduceSquad(state.squad, action);
    const view = viewFollowsSquad(state.view, action, state.squad, squad);
    return squad === state.squad && view === state.view ? state : { squad, view };
  }
  const view = reduceView(state.view, action, state.squad);
  return view === state.view ? state : { ...state, view };
}

/** Any reducer behind getState/dispatch/subscribe; listeners hear only real changes. */
export interface StoreOf<S, A> {
  readonly getState: () => S;
  readonly dispatch: (action: A) => void;
  readonly subscribe: (listener: () => void) => () => void;
}

export type Store = StoreOf<State, Action>;

/** The squad half as services see it: its facts and its actions, nothing of a window. */
export type SquadStore = StoreOf<SquadState, SquadAction>;

export function createStoreOf<S, A>(initial: S, reducer: (state: S, action: A) => S): StoreOf<S, A> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = reducer(state, action);
      if (next === state) return;
      state = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function createStore(initial: State): Store {
  return createStoreOf(initial, reduce);
}

/** The squad half of a window's store; its listeners hear only squad changes. */
export function squadStore(store: Store): SquadStore {
  return {
    getState: () => store.getState().squad,
    dispatch: (action) => store.dispatch(action),
    subscribe(listener) {
      let last = store.getState().squad;
      return store.subscribe(() => {
        const now = store.getState().squad;
        if (now === last) return;
        last = now;
        listener();
      });
    },
  };
}
