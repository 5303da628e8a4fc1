/** A task module that cannot even be loaded: its import throws. Specs name it by URL, never import it. */
export function neverRuns(): void {}

throw new Error('this module is broken at load');
