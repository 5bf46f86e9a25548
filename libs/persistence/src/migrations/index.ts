// Every migration, in order. `npm run cli -- migration:generate Name` writes new ones from entity changes.
import { Initial1795300818915 } from './1795300818915-Initial';

export const MIGRATIONS: Function[] = [Initial1795300818915];
