// The stack overview's names on the wire, shared by the server and the VS Code client (no dependencies, so
// the client bundle takes nothing else from the server with it).
import type { StackOverview } from '../overview/types';

export const STACK_OVERVIEW_REQUEST = 'docklens/stackOverview';
export const SHOW_STACK_OVERVIEW_COMMAND = 'docklens.showStackOverview';

export interface StackOverviewParams {
  uri: string;
}

export interface StackOverviewResult {
  uri: string;
  version: number;
  overview: StackOverview;
  svg: string;
}
