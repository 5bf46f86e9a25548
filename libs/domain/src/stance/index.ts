export * from './stance-rules';
export * from './stance-dates';
export * from './stance-timeline';
export * from './corroboration';
