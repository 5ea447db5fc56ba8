// Saves what the panel remembers (graph/viewState.ts) through VS Code's setState. Debounced:
// drags, zooms and the layout settling ask for a save many times a second.
import type { GraphView } from './graph/view';
import type { SavedState } from './graph/viewState';
import type { GraphData } from './graphData';
import type { ProtocolClient } from './protocolClient';

export class ViewStateSaver {
  private timer = 0;

  /** userZoomed: the user has zoomed or panned since the last fit, so the view no longer follows the layout. */
  constructor(
    private readonly client: Pick<ProtocolClient, 'setState'>,
    private readonly state: SavedState,
    private readonly view: GraphView,
    private readonly data: GraphData,
    private readonly userZoomed: () => boolean,
  ) {}

  save(): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      // Only nodes of the current snapshot: positions of removed ones would pile up.
      const ids = new Set(this.data.byId.keys());
      this.state.positions = this.view.layout.positions(ids);
      this.state.zoom = this.view.transform;
      this.state.autoFit = !this.userZoomed();
      this.client.setState(this.state);
    }, 300);
  }
}
