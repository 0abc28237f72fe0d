import type { MigrationSet } from '../../platform/db/index.ts';
import type { WardModule } from '../../platform/module.ts';
import type { DevicesDeps } from './inventory/device-deps.ts';
import { registerDeviceRoutes } from './inventory/device-routes.ts';

export * from './inventory/index.ts';
export * from './vulns/index.ts';
export * from './patching/index.ts';
export { importFeeds, type FeedImportSummary } from './feeds/index.ts';

/** The devices tables: vulnerability feeds (0001) and the inventory (0002). */
export const DEVICES_MIGRATIONS: MigrationSet = {
  module: 'devices',
  dir: new URL('./migrations/', import.meta.url),
};

/** Safeguard 5 as app.ts wires it: device inventory, vulnerability matching, VEX. */
export function createDevices(deps: DevicesDeps): { module: WardModule } {
  return {
    module: {
      name: 'devices',
      migrations: DEVICES_MIGRATIONS,
      registerRoutes(http) {
        registerDeviceRoutes(http, deps);
      },
    },
  };
}
