/** The id of the "Gateways" tree view, as package.json declares it. */
export const GATEWAYS_VIEW_ID = 'pushgateway.gateways';
