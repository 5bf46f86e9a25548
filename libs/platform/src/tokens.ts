/** Injection tokens for infrastructure that isn't a class of our own. */
export const CONFIG = Symbol('stancewatch.config');
export const KAFKA = Symbol('stancewatch.kafka');
export const SERVICE_NAME = Symbol('stancewatch.service-name');
