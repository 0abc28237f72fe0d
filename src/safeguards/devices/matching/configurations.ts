// One-off evaluation of a single CVE's NVD configurations (no index). The NVD index uses the
// same compiled form and evaluator, so both give the same answer by construction.
import { ConfigStore } from './config-store.ts';
import {
  evaluateCve,
  prepareProducts,
  productsByKey,
  type ConfigMatch,
  type DeviceProduct,
} from './config-eval.ts';

/**
 * Evaluates NVD CVE API 2.0 `configurations` against the products on a device (its CPEs for
 * OS/firmware, hardware and applications, and/or SBOM components carrying a `cpe`).
 * Returns the first satisfied configuration with a `vulnerable: true` match, or null.
 * @example evaluateConfigurations(cve.configurations, ['cpe:2.3:o:acme:infusion_os:3.1', 'cpe:2.3:h:acme:pump_9000:-'])
 */
export function evaluateConfigurations(
  configurations: readonly unknown[],
  productsOnDevice: Iterable<DeviceProduct>,
): ConfigMatch | null {
  const store = new ConfigStore();
  const cve = store.addCve('', configurations);
  const products = prepareProducts(productsOnDevice);
  return evaluateCve(store, cve, products, productsByKey(products));
}
