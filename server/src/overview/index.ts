// Stack overview: compose model → StackOverview (JSON) → SVG. Shared by the language server's
// `docklens/stackOverview` request and the CLI's `overview` command.
export { buildStackOverview, MAX_SERVICES } from './build';
export { renderOverviewSvg } from './svg';
export { overviewHtml } from './html';
export type * from './types';
