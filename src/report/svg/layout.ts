/** Geometry of the swimlane chart, in SVG user units (the chart scales to its container). */
export const WIDTH = 1000;
export const LEFT = 124;
export const RIGHT = 28;
export const AXIS_H = 26;
export const LABEL_ROWS = 2;
export const LABEL_ROW_H = 12;
export const MARK_H = 12;
export const MARK_W = 6;
export const BAND_H = 12;
export const BAND_GAP = 2;
export const LANE_PAD = 5;
export const EXPECT_ROW_H = 20;
/** Approximate advance of one character of the 10px label font, for collision checks. */
export const CHAR_W = 5.8;
export const LABEL_MAX_CHARS = 30;
