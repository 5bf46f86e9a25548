// Every migration, in order. `npm run cli -- migration:generate Name` writes new ones from entity changes.
import { Initial1795300489009 } from './1795300489009-Initial';

export const MIGRATIONS: Function[] = [Initial1795300489009];
