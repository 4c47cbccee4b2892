/** The feature store's name on the bus: its queue group is `galley-feature-store`, its logs say `feature-store`. */
export const FEATURE_STORE_SERVICE = 'feature-store';
