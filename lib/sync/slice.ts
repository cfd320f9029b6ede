/** Messages wait at most about this long for the engine (a frame or three). */
export const SLICE_MS = 50;
