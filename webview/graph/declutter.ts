// Screen-space label placement: a label is drawn only where it overlaps no shape and no label
// placed before it (a uniform grid keeps the checks local). Order of placement is priority.

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const CELL = 48;

export class Declutter {
  private readonly grid = new Map<number, Box[]>();

  private cells(b: Box, visit: (key: number) => boolean | void): boolean {
    const cx0 = Math.floor(b.x0 / CELL);
    const cx1 = Math.floor(b.x1 / CELL);
    const cy0 = Math.floor(b.y0 / CELL);
    const cy1 = Math.floor(b.y1 / CELL);
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        if (visit(cx * 100_003 + cy) === false) return false;
      }
    }
    return true;
  }

  private free(b: Box): boolean {
    return this.cells(b, (key) => {
      const list = this.grid.get(key);
      if (!list) return true;
      for (const o of list) if (o.x0 < b.x1 && o.x1 > b.x0 && o.y0 < b.y1 && o.y1 > b.y0) return false;
      return true;
    });
  }

  private add(b: Box): void {
    this.cells(b, (key) => {
      const list = this.grid.get(key);
      if (list) list.push(b);
      else this.grid.set(key, [b]);
    });
  }

  /** An obstacle (a node's shape): labels avoid it. */
  block(x0: number, y0: number, x1: number, y1: number): void {
    // Huge boxes (far zoom-in) would touch too many cells; they are not worth tracking.
    if (x1 - x0 > 4000 || y1 - y0 > 4000) return;
    this.add({ x0, y0, x1, y1 });
  }

  /** Claims the box if it is free (or when forced); true when the label may be drawn. */
  place(x0: number, y0: number, x1: number, y1: number, force = false): boolean {
    const b = { x0, y0, x1, y1 };
    if (!force && !this.free(b)) return false;
    this.add(b);
    return true;
  }
}
