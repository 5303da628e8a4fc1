/** A module with nothing to run: it exports a value, and no function. */
export const nothingToRun = 1;
