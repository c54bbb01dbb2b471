// Segmentation: audiences evaluated over profiles, membership snapshots, preview.
export * from './errors';
export * from './run-id';
export * from './due';
export * from './plan';
export * from './membership-sql';
export * from './profile-table';
export * from './evaluate-memberships';
export * from './snapshot';
export * from './segment';
export * from './finished-event';
export * from './preview';
export * from './athena-profile-view';
export * from './athena-sql';
export * from './segment-event';
export * from './athena-profile-source';
export * from './athena-segment';
