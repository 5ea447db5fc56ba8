// What every command gets: the live services, passed in (no globals).
import type * as vscode from 'vscode';
import type { Controller } from '../core/controller';
import type { LiveUpdates } from '../core/liveUpdates';
import type { Mutations } from '../core/mutations';
import type { TopologyTreeProvider } from '../tree/provider';
import type { AnalysisDocuments } from './analysisDocuments';

export interface CommandContext {
  readonly controller: () => Controller;
  readonly live: () => LiveUpdates;
  readonly mutations: () => Mutations;
  readonly tree: TopologyTreeProvider;
  /** The markdown reports the analysis commands open. */
  readonly documents: AnalysisDocuments;
  readonly log: vscode.LogOutputChannel;
}
