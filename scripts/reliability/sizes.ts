/**
 * The count each campaign item scales (kills, frames…): `small` is what CI runs through the test
 * suite in well under a minute, `full` the size issue 17 promises for `--size full`.
 */
export const ITEM_SIZES = {
  crash: { small: 10, full: 1000 },
  wire: { small: 2000, full: 100_000 },
  limits: { small: 1, full: 10 },
  converge: { small: 2, full: 1000 },
  time: { small: 500, full: 5000 },
  backup: { small: 1, full: 10 },
  disk: { small: 50, full: 2000 },
  soak: { small: 2, full: 60 },
} as const;
export type ItemName = keyof typeof ITEM_SIZES;
