/** Frame to canvas pixels: `px = scale · x + dx`, `py = scale · y + dy`. */
export interface ICanvasMapping {
  scale: number;
  dx: number;
  dy: number;
}
