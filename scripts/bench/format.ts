/** How the bench's figures read: one place for every unit its table and its reading print. */

export const ms = (value: number) => `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms`;
export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
export const perSecond = (count: number, took: number) => (count / took) * 1000;
export const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
