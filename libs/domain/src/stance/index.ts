export * from './stance-rules';
export * from './stance-dates';
export * from './stance-timeline';
export * from './corroboration';
export * from './pledge-ledger';
export * from './red-lines';
