/** The id of the "Gateways" tree view, as package.json declares it. */
export const GATEWAYS_VIEW_ID = 'pushgateway.gateways';

/** When set to 1 in VS Code's environment (`npm start` does), the Gateways view is shown as the extension starts. */
export const SHOW_GATEWAYS_ON_START_ENV = 'PUSHGATEWAY_WORKBENCH_SHOW_GATEWAYS';
